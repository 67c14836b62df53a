"""StreamField blocks for the list-like elements of a guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LegalBasisBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("法律法规名称"), max_length=200)
    provision = blocks.TextBlock(label=_("条款"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("设定依据")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("环节"), max_length=60)
    description = blocks.TextBlock(label=_("说明"))

    class Meta:
        icon = "list-ol"
        label = _("办理环节")


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"), max_length=200)
    answer = blocks.TextBlock(label=_("解答"))

    class Meta:
        icon = "help"
        label = _("常见问题")
