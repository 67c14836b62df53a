from django.db import migrations


def managers_hold_no_centre_permissions(apps, schema_editor):
    # A manager's rights on their own centre come from the centre admin's permission
    # policy; model permissions would show them every centre's changes in the admin's
    # site history (issue 15). add_staff keeps the group this way from now on.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="appointments",
        codename__in=["change_servicecentre", "view_servicecentre"],
    )
    for group in Group.objects.filter(name="中心负责人"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_official_scope"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(managers_hold_no_centre_permissions, migrations.RunPython.noop)
    ]
