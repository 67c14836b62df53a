"""The footer a Chinese government website carries, and the pages it links to.

Who runs the site and its registration numbers come from settings (the
environment in production), so no deployment has another's numbers.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

ICP_LOOKUP = "https://beian.miit.gov.cn/"


def site_footer(request) -> dict:
    return {
        "site_footer": {
            "owner": settings.SITE_OWNER,
            "identifier": settings.SITE_IDENTIFIER,
            "icp_number": settings.SITE_ICP_NUMBER,
            "icp_lookup": ICP_LOOKUP,
        }
    }


def site_map(request):
    from centres.models import City
    from guides.selectors import home_sections

    sections = home_sections()
    return render(
        request,
        "about/site_map.html",
        {
            "departments": sections["departments"],
            "bundles": sections["bundles"],
            "cities": City.objects.order_by("code"),
        },
    )


def accessibility(request):
    return render(request, "about/accessibility.html")


def contact(request):
    return render(
        request,
        "about/contact.html",
        {
            "phone": settings.SITE_CONTACT_PHONE,
            "email": settings.SITE_CONTACT_EMAIL,
            "address": settings.SITE_CONTACT_ADDRESS,
        },
    )
