import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from fazhi.core.registry import registry


class Command(BaseCommand):
    help = "Build a synthetic deployment (county → townships → villages → grids, people and records) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--townships", type=int, default=1)
        parser.add_argument("--townships-per-county", type=int, default=25)
        parser.add_argument("--residents-per-township", type=int, default=10000)
        parser.add_argument("--years", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, **options):
        call_command("setup_platform", stdout=self.stdout)
        context = {
            "n_townships": options["townships"],
            "townships_per_county": options["townships_per_county"],
            "residents_per_township": options["residents_per_township"],
            "years": options["years"],
            "seed": options["seed"],  # each generator draws per area from it (people.generate.area_random)
            "stdout": self.stdout,
        }
        # All or nothing: a generator that fails half-way (a clash with records already there) leaves no part-county.
        with transaction.atomic():
            for _order, generator in sorted(registry.generators, key=lambda pair: pair[0]):
                started = time.perf_counter()
                generator(context)
                self.stdout.write(f"{generator.__module__}: {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load, as autovacuum would give later
