"""allauth's sign-up view, handing the request to the form for its captcha."""

from allauth.account.views import SignupView as AllauthSignupView


class SignupView(AllauthSignupView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs
