"""The footer of a government site, from settings, and the pages it links to (issue 18)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def footer(client, path="/search/"):
    html = client.get(path).content.decode()
    return html.split('<footer class="site-footer"', 1)[1].split("</footer>", 1)[0]


@override_settings(
    SITE_OWNER="南京市政务服务管理办公室",
    SITE_IDENTIFIER="3201000099",
    SITE_ICP_NUMBER="苏ICP备12345678号",
)
def test_footer_shows_the_registrations_from_settings(client):
    html = footer(client)
    assert "主办单位：南京市政务服务管理办公室" in html
    assert "网站标识码：3201000099" in html
    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">苏ICP备12345678号</a>'
        in html
    )
    for href, text in [
        ("/sitemap/", "网站地图"),
        ("/accessibility/", "无障碍声明"),
        ("/contact/", "联系我们"),
    ]:
        assert f'<a href="{href}">{text}</a>' in html
    assert 'href="tel:12345"' in html


@override_settings(SITE_IDENTIFIER="", SITE_ICP_NUMBER="")
def test_unset_registrations_are_left_out(client):
    html = footer(client)
    assert "网站标识码" not in html and "ICP" not in html and "主办单位" in html


def test_site_map_lists_the_guides_centres_and_the_about_pages(client):
    from centres.models import City, County, ServiceCentre

    city = City.objects.create(code="320100", name="南京市")
    county = County.objects.create(city=city, code="320105", name="建邺区")
    ServiceCentre.objects.create(county=county, code="C1", name="兴隆街道便民服务中心", address="x")
    response = client.get("/sitemap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>网站地图</h1>" in html
    assert "最低生活保障申请" in html and "/guides/" in html
    assert 'href="/centres/?q=%E5%8D%97%E4%BA%AC%E5%B8%82">南京市</a>' in html
    directory = client.get("/centres/?q=南京市").content.decode()
    assert 'href="/centres/C1/"' in directory


def test_accessibility_and_contact_pages(client):
    html = client.get("/accessibility/").content.decode()
    assert "<h1>无障碍声明</h1>" in html and "长辈模式" in html and "GB/T 37668" in html
    with override_settings(
        SITE_CONTACT_EMAIL="zwfw@example.gov.cn", SITE_CONTACT_ADDRESS="南京市北京东路"
    ):
        html = client.get("/contact/").content.decode()
    assert 'href="tel:12345"' in html and 'href="mailto:zwfw@example.gov.cn"' in html
    assert "南京市北京东路" in html
