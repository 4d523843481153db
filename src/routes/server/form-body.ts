import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { multipartBoundary, parseMultipartForm } from '../multipart-form.js';
import { formFields } from '../params.js';
import { BadRequestError } from './bad-request-error.js';

export interface FormBodyOptions {
  /** bytes; a larger body answers 413 */
  readonly bodyLimit: number;
}

/**
 * Form bodies for the whole app, read into FormFields (what the routes' body schemas describe):
 * `application/x-www-form-urlencoded` the way Django reads it (so Grafana's not-URL-encoded
 * find body reads as graphite-web reads it), and `multipart/form-data`, which graphite-web
 * front ends with REMOTE_STORE_USE_POST send (urllib3's encoding of fields).
 */
const formBodyParsers: FastifyPluginAsync<FormBodyOptions> = async (app, { bodyLimit }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    done(null, formFields(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    const boundary = multipartBoundary(req.headers['content-type'] ?? '');
    const fields = boundary === null ? null : parseMultipartForm(body as Buffer, boundary);
    if (fields === null) done(new BadRequestError('malformed multipart/form-data body'), undefined);
    else done(null, formFields(fields));
  });
};

export const formBody = fp(formBodyParsers, { name: 'carbyne-form-body', fastify: '5.x' });
