from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from fazhi.core.registry import registry


class Command(BaseCommand):
    help = "Build the demo township (重庆市城口县治平乡) with one account per role. Idempotent."

    def handle(self, *args, **options):
        call_command("setup_platform", stdout=self.stdout)
        context: dict = {"stdout": self.stdout}
        with transaction.atomic():
            for _order, loader in sorted(registry.demo_loaders, key=lambda pair: pair[0]):
                loader(context)
        for line in context.get("logins", []):
            self.stdout.write(line)
