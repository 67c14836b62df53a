"""Centres and the holiday calendar in the Wagtail admin: a manager edits their own centre only."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from centres import calendar
from centres.models import County, HolidayCalendar, ServiceCentre


def centres_in_scope(queryset, user):
    """Everything for province administrators; a manager's own centre otherwise."""
    if user.has_perm("centres.change_servicecentre") or user.has_perm("centres.view_servicecentre"):
        return queryset
    centre_id = managed_centre_id(user)
    if centre_id is None:
        return queryset.none()
    return queryset.filter(pk=centre_id)


MANAGER_ACTIONS = ("change", "view")


def managed_centre_id(user) -> int | None:
    """The centre a centre manager runs (role "manager" of accounts.Profile), else None."""
    profile = getattr(user, "profile", None)
    if not user.is_active or profile is None or profile.role != "manager":
        return None
    return profile.centre_id


class CentrePermissionPolicy(ModelPermissionPolicy):
    """Django permissions for administrators; a manager views and changes their centre only.

    Managers hold no Django permission on centres: Wagtail's site-wide history
    report lists the log entries of every model a user has a Django permission
    on, and would show them every other centre's changes.
    """

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in MANAGER_ACTIONS and managed_centre_id(user) is not None

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return action in MANAGER_ACTIONS and instance.pk == managed_centre_id(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(super(CentrePermissionPolicy, self).user_has_permission(user, a) for a in actions):
            return self.model._default_manager.all()
        centre_id = managed_centre_id(user)
        if centre_id is None or not set(actions) & set(MANAGER_ACTIONS):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(pk=centre_id)


register_permission_policy(ServiceCentre, CentrePermissionPolicy(ServiceCentre), exact_class=True)


class CentreIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The county column names the city too: fetch both with the page, not per row.
        return centres_in_scope(
            super().get_base_queryset().select_related("county__city"), self.request.user
        )


class CountyChoicesMixin:
    """The county menu names each county's city: one query for all, not one per county."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "county" in form.fields:
            field = form.fields["county"]
            field.queryset = County.objects.select_related("city")
            # The menu is drawn twice, in the page and in the panels' client-side copy
            # (telepath): read the counties once for both.
            field.choices = list(field.choices)
        return form


class CentreCreateView(CountyChoicesMixin, generic.CreateView):
    pass


class CentreEditView(CountyChoicesMixin, generic.EditView):
    def get_object(self, queryset=None):
        centre = super().get_object(queryset)
        if not centres_in_scope(
            ServiceCentre.objects.filter(pk=centre.pk), self.request.user
        ).exists():
            raise PermissionDenied
        return centre


class CentreInScopeMixin:
    """Views of one centre (history, usage) find only centres in the user's scope (else 404)."""

    def get_base_object_queryset(self):
        return centres_in_scope(super().get_base_object_queryset(), self.request.user)


class CentreHistoryView(CentreInScopeMixin, HistoryView):
    pass


class CentreUsageView(CentreInScopeMixin, UsageView):
    pass


class ServiceCentreViewSet(ModelViewSet):
    model = ServiceCentre
    icon = "home"
    menu_label = _("便民服务中心")
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = CentreIndexView
    add_view_class = CentreCreateView
    edit_view_class = CentreEditView
    history_view_class = CentreHistoryView
    usage_view_class = CentreUsageView
    list_display = ["name", "county", "counters", "slot_minutes", "walk_in_share"]
    search_fields = ["name", "address"]


@hooks.register("register_admin_viewset")
def register_centres():
    return ServiceCentreViewSet("centres")


class HolidayCalendarViewSet(ModelViewSet):
    """The State Council's holiday schedule per year, kept by provincial administrators.

    The default model permission policy: only users granted the holiday
    calendar's model permissions (provincial administrators) see and edit it.
    """

    model = HolidayCalendar
    icon = "date"
    menu_label = _("节假日安排")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["year", "confirmed", "source"]


@hooks.register("register_admin_viewset")
def register_holiday_calendars():
    return HolidayCalendarViewSet("holiday_calendars")


# How far ahead managers are warned of a year without a confirmed calendar:
# past every centre's booking horizon, from early October for next year.
HOLIDAY_WARNING_DAYS = 92


def unconfirmed_years(today: dt.date) -> list[int]:
    last = today + dt.timedelta(days=HOLIDAY_WARNING_DAYS)
    return [y for y in range(today.year, last.year + 1) if not calendar.year_confirmed(y)]


class HolidayCalendarWarning(Component):
    template_name = "centres/admin/holiday_warning.html"
    order = 10  # above Wagtail's own panels

    def __init__(self, years: list[int], edit_url: str | None):
        self.years = years
        self.edit_url = edit_url

    def get_context_data(self, parent_context):
        return {"years": "、".join(str(y) for y in self.years), "edit_url": self.edit_url}


def sees_holiday_warning(user) -> bool:
    return (
        user.is_superuser
        or user.has_perm("centres.change_holidaycalendar")
        or managed_centre_id(user) is not None
    )


@hooks.register("construct_homepage_panels")
def warn_of_unconfirmed_holiday_calendar(request, panels):
    if not sees_holiday_warning(request.user):
        return
    years = unconfirmed_years(timezone.localdate())
    if not years:
        return
    edit_url = None
    if request.user.has_perm("centres.change_holidaycalendar"):
        edit_url = reverse("holiday_calendars:index")
    panels.append(HolidayCalendarWarning(years, edit_url))
