"""Cities, counties, service centres, their hours and the holiday calendar move here from
appointments: in Django's state only. The tables stay as they are, under their old names
(``appointments_*``, set as ``db_table``); appointments 0009 drops the models from its state.
"""

import datetime
import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('appointments', '0008_dashboard_day_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='City',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=12, unique=True, verbose_name='行政区划代码')),
                        ('name', models.CharField(max_length=40, verbose_name='设区市')),
                    ],
                    options={
                        'verbose_name': '设区市',
                        'verbose_name_plural': '设区市',
                        'db_table': 'appointments_city',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='HolidayCalendar',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='年份')),
                        ('confirmed', models.BooleanField(default=False, help_text='按国务院办公厅当年的放假安排通知核对全部日期后勾选。未确认的年份，任何日期都不能预约，也不计为工作日。', verbose_name='已确认')),
                        ('source', models.CharField(blank=True, help_text='例如通知的文号。', max_length=120, verbose_name='依据')),
                    ],
                    options={
                        'verbose_name': '节假日安排',
                        'verbose_name_plural': '节假日安排',
                        'db_table': 'appointments_holidaycalendar',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='County',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=12, unique=True, verbose_name='行政区划代码')),
                        ('name', models.CharField(max_length=40, verbose_name='县（市、区）')),
                        ('city', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='counties', to='centres.city', verbose_name='设区市')),
                    ],
                    options={
                        'verbose_name': '县（市、区）',
                        'verbose_name_plural': '县（市、区）',
                        'db_table': 'appointments_county',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='ServiceCentre',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(help_text='用于办件编号。', max_length=16, unique=True, verbose_name='中心编码')),
                        ('name', models.CharField(max_length=80, verbose_name='名称')),
                        ('address', models.CharField(max_length=200, verbose_name='地址')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='咨询电话')),
                        ('directions', models.TextField(blank=True, help_text='公交、地铁站和停车等到中心的路线说明，显示在中心的公开页面上。', verbose_name='怎么去')),
                        ('counters', models.PositiveSmallIntegerField(default=3, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='综合窗口数')),
                        ('slot_minutes', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(240)], verbose_name='时段长度（分钟）')),
                        ('walk_in_share', models.PositiveSmallIntegerField(default=30, help_text='每个时段留给现场办事群众（老年人、没有智能手机的人）的比例，不开放网上预约。', validators=[django.core.validators.MaxValueValidator(90)], verbose_name='现场号保留比例（%）')),
                        ('batch_share', models.PositiveSmallIntegerField(default=50, help_text='每个时段的网上预约分钟中，企业批量预约最多可占的比例，其余留给居民。', validators=[django.core.validators.MaxValueValidator(100)], verbose_name='企业批量可占比例（%）')),
                        ('booking_horizon_days', models.PositiveSmallIntegerField(default=14, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(90)], verbose_name='可提前预约天数')),
                        ('same_day_cutoff', models.TimeField(default=datetime.time(11, 0), help_text='过了这个时间不能再预约当天的时段。', verbose_name='当日预约截止时间')),
                        ('county', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='centres', to='centres.county', verbose_name='县（市、区）')),
                    ],
                    options={
                        'verbose_name': '便民服务中心',
                        'verbose_name_plural': '便民服务中心',
                        'db_table': 'appointments_servicecentre',
                        'ordering': ['code'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='HolidayCalendarDay',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(verbose_name='日期')),
                        ('kind', models.CharField(choices=[('holiday', '放假'), ('workday', '调休上班')], max_length=8, verbose_name='类型')),
                        ('name', models.CharField(blank=True, help_text='例如：春节', max_length=20, verbose_name='节日')),
                        ('calendar', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='days', to='centres.holidaycalendar')),
                    ],
                    options={
                        'verbose_name': '日期',
                        'db_table': 'appointments_holidaycalendarday',
                        'ordering': ['date'],
                        'constraints': [models.UniqueConstraint(fields=('calendar', 'date'), name='one_entry_per_holiday_date')],
                    },
                ),
                migrations.CreateModel(
                    name='OpeningSession',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('weekday', models.PositiveSmallIntegerField(choices=[(0, '星期一'), (1, '星期二'), (2, '星期三'), (3, '星期四'), (4, '星期五'), (5, '星期六'), (6, '星期日')], verbose_name='星期')),
                        ('start', models.TimeField(verbose_name='开始')),
                        ('end', models.TimeField(verbose_name='结束')),
                        ('centre', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='centres.servicecentre')),
                    ],
                    options={
                        'verbose_name': '开放时段',
                        'db_table': 'appointments_openingsession',
                        'ordering': ['weekday', 'start'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='session_ends_after_start')],
                    },
                ),
                migrations.CreateModel(
                    name='CalendarOverride',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(verbose_name='日期')),
                        ('kind', models.CharField(choices=[('closed', '闭馆'), ('open', '开放')], max_length=8, verbose_name='类型')),
                        ('start', models.TimeField(blank=True, help_text='开放日可只开放部分时间；留空则按平时的工作日时段。', null=True, verbose_name='开始')),
                        ('end', models.TimeField(blank=True, null=True, verbose_name='结束')),
                        ('reason', models.CharField(blank=True, max_length=100, verbose_name='原因')),
                        ('centre', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='overrides', to='centres.servicecentre')),
                    ],
                    options={
                        'verbose_name': '特殊日期',
                        'db_table': 'appointments_calendaroverride',
                        'ordering': ['date'],
                        'constraints': [models.UniqueConstraint(fields=('centre', 'date'), name='one_override_per_centre_and_date')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
