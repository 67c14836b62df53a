# The subscribers' HMAC secrets move from plain text to the encrypted column.

import flowback.models
from django.db import migrations, models


def encrypt_secrets(apps, schema_editor):
    from core.personal_data import protect

    Subscriber = apps.get_model("flowback", "Subscriber")
    for subscriber in Subscriber.objects.all():
        subscriber.secret_encrypted = protect(subscriber.secret)
        subscriber.save(update_fields=["secret_encrypted"])


def decrypt_secrets(apps, schema_editor):
    from core.personal_data import reveal

    Subscriber = apps.get_model("flowback", "Subscriber")
    for subscriber in Subscriber.objects.all():
        subscriber.secret = reveal(subscriber.secret_encrypted)
        subscriber.save(update_fields=["secret"])


class Migration(migrations.Migration):
    dependencies = [("flowback", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="secret_encrypted",
            field=models.TextField(default="", editable=False, verbose_name="签名密钥（加密）"),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
        migrations.AlterField(
            model_name="subscriber",
            name="secret",
            field=models.CharField(default="", max_length=100, verbose_name="签名密钥"),
        ),
        migrations.RemoveField(model_name="subscriber", name="secret"),
        migrations.AlterField(
            model_name="subscriber",
            name="url",
            field=flowback.models.HttpsURLField(
                help_text="必须是 https:// 地址（仅调试模式下可用 http:// 或本机地址）。",
                max_length=300,
                validators=[flowback.models.subscriber_url_validator],
                verbose_name="接收地址",
            ),
        ),
    ]
