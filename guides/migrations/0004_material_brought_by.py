from django.db import migrations, models

# The rule the field replaces (enterprises.booking until issue 19): a material
# whose name holds one of these words was an employee's own paper, brought by
# each employee of a batch; every other material the enterprise brought once.
EMPLOYEE_MATERIAL_HINTS = ("劳动合同", "身份证复印件", "居民身份证件")


def brought_by_for(name: str) -> str:
    return "each_person" if any(h in (name or "") for h in EMPLOYEE_MATERIAL_HINTS) else "organisation"


def brought_by_from_names(apps, schema_editor):
    """Existing materials are split as the name rule split them, and so are their revisions.

    A material is edited and published from its revisions, whose stored content
    was written before the field existed: without the value there, the edit
    form (latest revision) or publishing an older revision would fall back to
    the default and move the material to the other list.
    """
    Material = apps.get_model("guides", "Material")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Material.objects.update(brought_by="organisation")
    for hint in EMPLOYEE_MATERIAL_HINTS:
        Material.objects.filter(name__contains=hint).update(brought_by="each_person")
    content_type = ContentType.objects.filter(app_label="guides", model="material").first()
    if content_type is None:  # a new database: no material has a revision yet
        return
    for revision in Revision.objects.filter(base_content_type=content_type).iterator():
        if "brought_by" in revision.content:
            continue
        revision.content["brought_by"] = brought_by_for(revision.content.get("name"))
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0003_matter_needs"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="material",
            name="brought_by",
            field=models.CharField(
                choices=[("each_person", "每名员工各带一份"), ("organisation", "企业带一份")],
                default="each_person",
                help_text="企业为多名员工批量预约时：员工本人的材料（如劳动合同、职工身份证复印件）每人各带一份；企业的材料（如营业执照、经办人身份证、汇总表）整批只带一份。",
                max_length=20,
                verbose_name="批量办理时由谁带",
            ),
        ),
        migrations.RunPython(brought_by_from_names, migrations.RunPython.noop),
    ]
