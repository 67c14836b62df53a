"""Admin: administrators check licences and approve the officers of enterprises."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from enterprises import admin_views, officers


class OfficerRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return officers.is_admin(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "enterprises/officers/",
            admin_views.officer_requests,
            name="enterprise_officer_requests",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_officer_requests_menu_item():
    return OfficerRequestsMenuItem(
        _("企业经办人审核"),
        reverse("enterprise_officer_requests"),
        name="enterprise-officer-requests",
        icon_name="group",
        order=230,
    )


@hooks.register("batch_employee_phones")
def employees_of_batch(appointment):
    # The day-before reminder of a batch also reaches each employee still on it.
    from enterprises.models import BatchEmployee

    return list(
        BatchEmployee.objects.filter(batch__appointment=appointment, active=True).values_list(
            "phone", flat=True
        )
    )
