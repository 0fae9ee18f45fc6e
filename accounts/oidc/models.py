from django.conf import settings
from django.db import models


class CityAccount(models.Model):
    """The link between a user and their account at the city's OpenID Connect provider.

    Users are found by the provider's subject (`sub`), never by e-mail: an address
    can change hands, a subject can't.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="city_account"
    )
    issuer = models.CharField("uitgever", max_length=255)
    subject = models.CharField("kenmerk bij de gemeente", max_length=255)
    created = models.DateTimeField("eerste keer ingelogd", auto_now_add=True)

    class Meta:
        verbose_name = "gemeente-account"
        verbose_name_plural = "gemeente-accounts"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="city_account_one_user_per_subject")]

    def __str__(self):
        return f"{self.user} ({self.subject})"
