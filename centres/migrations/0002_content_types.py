"""The content types of the moved models change their app label from appointments to centres.

Permissions (and the groups and users holding them), the admin's history and
audit log, Wagtail's reference and search indexes all point at a content type's
row: relabelling the row keeps every one of them on the same model. Django
would otherwise create new content types and permissions for centres and leave
the granted ones behind under appointments.
"""

from django.db import migrations

MODELS = [
    "city",
    "county",
    "servicecentre",
    "openingsession",
    "calendaroverride",
    "holidaycalendar",
    "holidaycalendarday",
]


def relabel(old, new):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        rows = ContentType.objects.using(schema_editor.connection.alias)
        for model in MODELS:
            if not rows.filter(app_label=old, model=model).exists():
                continue
            # A row under the new label exists only when `migrate` stopped between
            # 0001 and this migration and created it afresh: the old row carries what
            # was granted and logged, so the new, empty one gives way.
            rows.filter(app_label=new, model=model).delete()
            rows.filter(app_label=old, model=model).update(app_label=new)
        ContentType.objects.clear_cache()

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("centres", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(relabel("appointments", "centres"), relabel("centres", "appointments")),
    ]
