"""Use cases: the only code that writes. Each returns plain read-model dataclasses and publishes
what changed on the workspace's event bus."""
