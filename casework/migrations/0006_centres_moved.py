"""The foreign keys to centres now point at the centres app (centres 0001): state only,
the columns and constraints stay as they are, since the tables did not move.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_dashboard_day_indexes'),
        ('centres', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='accesslog',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre'),
                ),
                migrations.AlterField(
                    model_name='case',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='centres.servicecentre'),
                ),
                migrations.AlterField(
                    model_name='dailysequence',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre'),
                ),
                migrations.AlterField(
                    model_name='queueticket',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='centres.servicecentre'),
                ),
            ],
            database_operations=[],
        ),
    ]
