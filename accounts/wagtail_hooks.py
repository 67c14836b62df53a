"""The account's phone fills in the booking form when residents book for themselves."""

from wagtail import hooks

from accounts.models import Profile


@hooks.register("booking_applicant_initial")
def phone_of_the_account(user):
    profile = Profile.objects.filter(user=user).first()
    return {"phone": profile.phone} if profile else {}
