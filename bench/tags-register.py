"""Registers tagged series in graphite-web 1.1.8's tag database through its own view.

Usage: tags-register.py STATE_DIR PATHS_FILE   (run by bench/tags.bench.ts with /usr/bin/python3)

Each batch of 1000 paths (Django refuses more form fields in one request) is POSTed to
/tags/tagMultiSeries with Django's test client over the oracle's settings: graphite-web's own
view and LocalDatabaseTagDB.tag_multi_series, in one transaction per batch. Over HTTP each of its
SQL statements commits on its own, which takes about 70 ms a series on the shared machine (a
million series would take most of a day); in-process with a transaction per batch it is ~2 ms.
Prints the count registered so far after each batch.
"""
import os
import sys
import time

state_dir, paths_file = sys.argv[1:3]
sys.path.insert(0, state_dir)
os.environ['DJANGO_SETTINGS_MODULE'] = 'graphite.settings'
os.environ['GRAPHITE_SETTINGS_MODULE'] = 'graphite_oracle_settings'
os.chdir(state_dir)

import django  # noqa: E402
django.setup()
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

client = Client()
with connection.cursor() as cursor:
    cursor.execute('PRAGMA synchronous=OFF')
with open(paths_file) as f:
    paths = [line for line in f.read().split('\n') if line]
started = time.time()
BATCH = 1000
for at in range(0, len(paths), BATCH):
    with transaction.atomic():
        res = client.post('/tags/tagMultiSeries', {'path': paths[at:at + BATCH]})
        if res.status_code != 200:
            sys.exit('tagMultiSeries answered %d: %s' % (res.status_code, res.content[:300]))
    done = min(at + BATCH, len(paths))
    if done % 50000 == 0 or done == len(paths):
        print('%d %.0f' % (done, time.time() - started), flush=True)
