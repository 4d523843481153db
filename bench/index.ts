import type { Benchmark } from './harness.js';
import { benchmark as codec } from './codec.bench.js';
import { benchmark as ingestParse } from './ingest-parse.bench.js';
import { benchmark as store } from './store.bench.js';
import { benchmark as ingest } from './ingest.bench.js';
import { benchmark as ingestDurable } from './ingest-durable.bench.js';
import { benchmark as memory } from './memory.bench.js';
import { benchmark as startup } from './startup.bench.js';
import { benchmark as shutdown } from './shutdown.bench.js';
import { benchmark as read } from './read.bench.js';
import { benchmark as find } from './find.bench.js';
import { benchmark as findHttp } from './find-http.bench.js';
import { benchmark as renderJson } from './render-json.bench.js';
import { benchmark as render } from './render.bench.js';
import { benchmark as renderPeer } from './render-peer.bench.js';
import { benchmark as renderHttp } from './render-http.bench.js';
import { benchmark as functions } from './functions.bench.js';
import { benchmark as regex } from './regex.bench.js';
import { benchmark as dashboard } from './dashboard.bench.js';
import { benchmark as whisperImport } from './whisper-import.bench.js';
import { benchmark as cluster } from './cluster.bench.js';
import { benchmark as tags } from './tags.bench.js';
import { benchmark as backends } from './backends.bench.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [codec, ingestParse, store, ingest, ingestDurable, memory, startup, shutdown, read, find, findHttp, renderJson, render, renderPeer, renderHttp, functions, dashboard, tags, whisperImport, cluster, backends, regex];
