"""Sync files: the records a site changed, carried to the organisation's other sites as files.

``bundle`` is the file format (age encryption to the organisation's key around a signed, zstd
compressed JSON document); ``records`` says which tables travel and dumps them; ``outgoing``
gathers what to send; ``merge`` decides, per record, what an incoming file changes and applies
it. The services in ``services/sync*.py`` add permissions, the audit log and events.
"""
