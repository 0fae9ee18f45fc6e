"""Guards on measures and areas that the database can't express.

- Keep measures that monitoring's notes and audit trail point at: monitoring
  holds a measure by its plain id (Annotation.measure_id, ValueChange.measure_id),
  not by a foreign key, so the database can't protect those rows; this does, on
  every delete path (admin, cascade, queryset).
- Keep the NPRZ month totals (totals.py) right when what makes them up changes:
  a measure recorded per neighbourhood or for NPRZ as a whole, an area's level.
"""

from django.db.models import ProtectedError
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from monitoring.models import Annotation, Area, ValueChange

from .models import Measure
from .totals import refresh_month_totals


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


@receiver(pre_save, sender=Measure)
@receiver(pre_save, sender=Area)
def note_stored_grouping(sender, instance, **kwargs):
    """Remember what the stored row says about how records add up to NPRZ, to compare after the save."""
    field = "by_area" if sender is Measure else "level"
    stored = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first() if instance.pk else None
    instance._stored_grouping = stored


@receiver(post_save, sender=Measure)
def refresh_totals_of_measure(sender, instance: Measure, created: bool, **kwargs):
    if not created and instance._stored_grouping != instance.by_area:
        refresh_month_totals(measure_ids=[instance.pk])


@receiver(post_save, sender=Area)
def refresh_totals_of_area(sender, instance: Area, created: bool, **kwargs):
    if not created and instance._stored_grouping != instance.level:
        refresh_month_totals()  # which records make up a total changed in every month the area has records
