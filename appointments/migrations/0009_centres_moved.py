"""Cities, counties, centres, their hours and the holiday calendar leave this app's state.

centres 0001 took them over with the same tables, and every foreign key to them
points at centres now (the migrations this one depends on). State only: nothing
in the database changes.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('appointments', '0008_dashboard_day_indexes'),
        ('centres', '0001_initial'),
        ('accounts', '0005_centres_moved'),
        ('casework', '0006_centres_moved'),
        ('dashboards', '0002_centres_moved'),
        ('flowback', '0004_centres_moved'),
        ('ratings', '0004_centres_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='appointment',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='centres.servicecentre'),
                ),
                migrations.AlterField(
                    model_name='slot',
                    name='centre',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='slots', to='centres.servicecentre'),
                ),
                # Models that point at others go first.
                migrations.DeleteModel(name='CalendarOverride'),
                migrations.DeleteModel(name='OpeningSession'),
                migrations.DeleteModel(name='HolidayCalendarDay'),
                migrations.DeleteModel(name='ServiceCentre'),
                migrations.DeleteModel(name='HolidayCalendar'),
                migrations.DeleteModel(name='County'),
                migrations.DeleteModel(name='City'),
            ],
            database_operations=[],
        ),
    ]
