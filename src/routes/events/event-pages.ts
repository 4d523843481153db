import { pythonSplit } from '../../lib/python-text.js';
import type { EventRecord } from '../../events/event-store.js';

/**
 * graphite-web's events pages (its events.html and event.html templates as Django renders them,
 * whitespace included): the list of events and one event. Times are shown in UTC, with Django's
 * `H:i:s D d M Y` format.
 */

const HEAD = (title: string, heading: string) => `<html>
  <head>
    <title>${title}</title>
    <link rel="stylesheet" type="text/css" href="/static/css/table.css" />
    <style type="text/css">
    body {
        font-family: sans-serif;
        font-size: 16px;
        margin: 50px;
        max-width: 1200px;
    }
    </style>


    </head>
    <body>
        <div id="title" style="text-align:center">
            <h1>${heading}</h1>
        </div>
        <div class="graphite">
            <div id="main" >
`;

const TAIL = `            </div>
        </div>
    </body>
</html>
`;

/** The `/events/` page: a table of the events, or how to add some. `host` is the request's Host. */
export function eventListPage(events: readonly EventRecord[], host: string): string {
  let body = '              \n';
  if (events.length === 0) {
    body += `                <br/>No events. Add events using
                <a href="/admin/events/event/add/">the admin interface</a> or by posting
                (eg, curl -X POST http://${escapeHtml(host)}/events -d
                '{"what": "Something Interesting", "tags" : "tag1"}')
              \n`;
  } else {
    body += `                <table class="styledtable" width=100%>
                  <tr><th>when</th><th>what</th><th>tags</th></tr>
                  \n`;
    for (const e of events) {
      body += `                      <tr>
                          <td>${djangoDate(e.when)}</td>
                          <td><a href="/events/${e.id}">${escapeHtml(e.what)}</a></td>
                          <td>[&#39;${pythonSplit(e.tags).map(escapeHtml).join('&#39;, &#39;')}&#39;]</td>
                      </tr>
                  \n`;
    }
    body += '              \n';
  }
  return `${HEAD('Events', 'graphite events')}${body}              </table>\n${TAIL}`;
}

/** `/events/<id>/`: one event's time, tag text and data. */
export function eventPage(e: EventRecord): string {
  const what = escapeHtml(e.what);
  return `${HEAD(what, what)}              <table class="styledtable" width=100%>
                <tr><td>when</td><td>${djangoDate(e.when)}</td></tr>
                <tr><td>tags</td><td>${escapeHtml(e.tags)}</td></tr>
                <tr><td>data</td><td>${escapeHtml(e.data)}</td></tr>
              </table>
${TAIL}`;
}

/** Django's page for a missing object when DEBUG is off. */
export const NOT_FOUND_PAGE = `
<!doctype html>
<html lang="en">
<head>
  <title>Not Found</title>
</head>
<body>
  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
</body>
</html>
`;

/** Django's escape (html.escape with quotes) */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Django's `date:"H:i:s D d M Y"` in UTC */
function djangoDate(when: number): string {
  const d = new Date(Math.floor(when) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${DAYS[d.getUTCDay()]} ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
