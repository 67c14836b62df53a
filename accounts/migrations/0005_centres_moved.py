"""The foreign keys to centres now point at the centres app (centres 0001): state only,
the columns and constraints stay as they are, since the tables did not move.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_profile_login_phone'),
        ('centres', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='profile',
                    name='centre',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='centres.servicecentre', verbose_name='所在中心'),
                ),
                migrations.AlterField(
                    model_name='profile',
                    name='city',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='officials', to='centres.city', verbose_name='所辖设区市'),
                ),
                migrations.AlterField(
                    model_name='profile',
                    name='county',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='officials', to='centres.county', verbose_name='所辖县（市、区）'),
                ),
            ],
            database_operations=[],
        ),
    ]
