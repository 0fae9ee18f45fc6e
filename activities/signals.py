"""Keep measures that monitoring's notes and audit trail point at.

monitoring holds a measure by its plain id (Annotation.measure_id,
ValueChange.measure_id), not by a foreign key, so the database can't protect
those rows; this does, on every delete path (admin, cascade, queryset).
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from monitoring.models import Annotation, ValueChange

from .models import Measure


def is_referenced(measure: Measure) -> bool:
    """Return whether a chart note or a recorded value change points at the measure."""
    return (
        Annotation.objects.filter(measure_id=measure.pk).exists()
        or ValueChange.objects.filter(measure_id=measure.pk).exists()
    )


@receiver(pre_delete, sender=Measure)
def keep_referenced_measure(sender, instance: Measure, **kwargs):
    if is_referenced(instance):
        raise ProtectedError(
            f"De maat ‘{instance.name}’ heeft notities of vastgelegde wijzigingen en wordt niet verwijderd.", {instance}
        )
