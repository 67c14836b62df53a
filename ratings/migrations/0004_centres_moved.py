"""The foreign keys to centres now point at the centres app (centres 0001): state only,
the columns and constraints stay as they are, since the tables did not move.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('centres', '0001_initial'),
        ('ratings', '0003_dashboard_day_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='followup',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre', verbose_name='便民服务中心'),
                ),
            ],
            database_operations=[],
        ),
    ]
