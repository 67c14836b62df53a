"""Admin form of the matter guide: refuses to publish or submit an incomplete guide."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

# The editor's publish button and the submit-for-review button; drafts may
# stay incomplete while a county editor works on them.
COMPLETING_ACTIONS = ("action-publish", "action-submit")


class MatterPageForm(WagtailAdminPageForm):
    def is_valid(self):
        if not super().is_valid():
            return False
        if not any(action in self.data for action in COMPLETING_ACTIONS):
            return True
        missing = self.save(commit=False).missing_elements()
        if missing:
            self.add_error(
                None,
                _("办事指南缺少以下要素，不能发布或提交审核：%(elements)s")
                % {"elements": "、".join(missing)},
            )
            return False
        return True
