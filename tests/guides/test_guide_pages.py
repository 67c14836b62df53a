"""What residents see on a guide and on the home page (issue 18)."""

import re

import time_machine
from django.core.cache import cache
from wagtail.test.utils import WagtailPageTestCase

from guides.models import HomePage, MatterPage
from tests.appointments.factories import AppointmentFactory, local, make_centre, make_user

NOW = local(2026, 11, 23, 8, 0)  # a Monday: the next days are bookable


class GuidePageTests(WagtailPageTestCase):
    def setUp(self):
        cache.clear()
        self.guide = MatterPage.objects.get(code="JS-MZ-03")  # 急难型, 支出型

    def html(self, query: str = "") -> str:
        response = self.client.get(self.guide.url + query)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_guide_is_routable_and_renders(self):
        self.assertPageIsRoutable(self.guide)
        self.assertPageIsRenderable(self.guide)

    def test_breadcrumbs_lead_home_and_to_the_department(self):
        crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', self.html(), re.S).group(0)
        self.assertEqual(re.findall(r'href="([^"]+)"', crumbs), ["/", "/guides/?department=民政"])
        self.assertIn('<li aria-current="page">临时救助申请</li>', crumbs)

    def test_book_button_at_the_top_and_at_the_end(self):
        html = self.html()
        self.assertEqual(html.count('href="/book/?matters=JS-MZ-03"'), 2)
        end = html.index('class="actions book-bar"')
        self.assertGreater(end, html.index('id="h-history"'))

    def test_the_situation_filter_shows_one_situations_materials(self):
        situations = list(self.guide.situations.all())
        first, second = situations[0], situations[1]
        only = set(m.material.name for m in second.materials.all()) - set(
            m.material.name for m in first.materials.all()
        )
        everything = self.html()
        self.assertIn(f'href="?situation={first.code}#materials"', everything)
        self.assertIn(f'id="s-{first.code}"', everything)
        self.assertIn(f'id="s-{second.code}"', everything)

        chosen = self.html(f"?situation={first.code}")
        self.assertIn(f'id="s-{first.code}"', chosen)
        self.assertNotIn(f'id="s-{second.code}"', chosen)
        for name in only:
            self.assertNotIn(f"<strong>{name}</strong>", chosen)
        self.assertIn(f'href="{self.guide.url}#materials">显示全部情形', chosen)

        unknown = self.html("?situation=NO-SUCH")
        self.assertIn("没有找到您选的情形", unknown)
        self.assertIn(f'id="s-{second.code}"', unknown)

    def test_last_updated_and_a_history_of_what_changed_without_editor_names(self):
        html = self.html()
        self.assertIn("最后更新：", html)
        self.assertIn("首次发布", html)
        editor = make_user("zhang.san@test.local")
        editor.first_name, editor.last_name = "三", "张"
        editor.save()
        with time_machine.travel(local(2027, 1, 5, 10), tick=False):
            draft = MatterPage.objects.get(pk=self.guide.pk)
            draft.fee = "不收费（2027年起）。"
            draft.save_revision(user=editor, log_action=True).publish(
                user=editor, skip_permission_checks=True
            )
        self.guide.refresh_from_db()
        html = self.html()
        self.assertIn('最后更新：<time datetime="2027-01-05">2027年1月5日</time>', html)
        history = re.search(r'<section id="history".*?</section>', html, re.S).group(0)
        self.assertRegex(history, r"2027年1月5日</time> 更新了：收费标准</li>")
        for name in ("张三", "zhang.san", "editor"):
            self.assertNotIn(name, history)


class HomePageTests(WagtailPageTestCase):
    def setUp(self):
        cache.clear()

    def test_home_page_is_renderable(self):
        self.assertPageIsRenderable(HomePage.objects.get())

    def test_search_first_then_most_used_then_life_events_then_departments(self):
        with time_machine.travel(NOW, tick=False):
            centre = make_centre()
            user = make_user("most-used@test.local")
            for code, times in (("JS-MZ-04", 3), ("JS-WJ-01", 2), ("JS-CL-01", 1)):
                for _ in range(times):
                    AppointmentFactory(centre=centre, codes=[code], booked_by=user)
        html = self.client.get("/").content.decode()
        order = [
            html.index('type="search"'),
            html.index('id="most-used"'),
            html.index('id="by-event"'),
            html.index('id="by-dept"'),
            html.index('id="for-enterprises"'),
        ]
        self.assertEqual(order, sorted(order))
        most_used = re.search(r'<ul class="links most-used".*?</ul>', html, re.S).group(0)
        self.assertEqual(
            re.findall(r"<a [^>]*>([^<]+)</a>", most_used),
            ["尊老金申领", "生育登记", "残疾人证申领"],
        )
        events = html[html.index('id="by-event"') : html.index('id="by-dept"')]
        for event in ("生孩子", "退休", "家人去世", "失业", "搬家"):
            self.assertIn(f">{event}</h3>", events)
        self.assertIn("新生儿出生一件事", events)
        self.assertNotIn("员工录用一件事", events)
        self.assertGreater(html.index("员工录用一件事"), html.index("新生儿出生一件事"))
        self.assertGreaterEqual(html.count("/guides/js-"), 30)

    def test_without_bookings_there_is_no_empty_most_used_list(self):
        html = self.client.get("/").content.decode()
        self.assertNotIn('id="most-used"', html)
        self.assertIn('id="by-event"', html)
