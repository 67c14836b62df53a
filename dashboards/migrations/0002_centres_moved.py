"""The foreign keys to centres now point at the centres app (centres 0001): state only,
the columns and constraints stay as they are, since the tables did not move.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('centres', '0001_initial'),
        ('dashboards', '0001_daily_figures'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='dailycentrefigures',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre'),
                ),
                migrations.AlterField(
                    model_name='dailycounterload',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre'),
                ),
                migrations.AlterField(
                    model_name='dailymatterfigures',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre'),
                ),
            ],
            database_operations=[],
        ),
    ]
