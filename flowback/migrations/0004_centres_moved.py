"""The foreign keys to centres now point at the centres app (centres 0001): state only,
the columns and constraints stay as they are, since the tables did not move.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('centres', '0001_initial'),
        ('flowback', '0003_sms_log_and_reminder_opt_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='centre',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='centres.servicecentre'),
                ),
            ],
            database_operations=[],
        ),
    ]
