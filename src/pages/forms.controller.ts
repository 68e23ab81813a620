import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import multer, { memoryStorage, MulterError } from 'multer';
import { mayCallMutation } from '../auth/policy.js';
import { berlinToday } from '../common/berlin-date.js';
import { callGraphQL, type GraphQLAnswer } from './graphql-client.js';
import { PagesService, type PageContext } from './pages.service.js';
import { FORM_DATA, IMPORT_OPARL, LINK_PAPER, RECORD_CONSULTATION, RECORD_PAPER, RECORD_SIGNATURE } from './queries.js';
import { addError, formErrors, hasErrors, noErrors, type FormErrors } from './views/form-errors.js';
import {
  CONSULTATION_FIELDS,
  OPARL_FIELDS,
  PAPER_FIELDS,
  papersFormView,
  SIGNATURE_FIELDS,
  signatureFormView,
  type Option,
} from './views/forms.view.js';
import type { PartyRef } from './views/page-data.js';
import { problemView } from './views/versions.view.js';

/** The largest scan taken; a signature page is a few MiB at most. */
const MAX_SCAN_BYTES = 20 * 1024 * 1024;

interface FormData {
  agreement: {
    id: string;
    title: string | null;
    versions: { items: { number: number; frozenOn: string | null }[] };
    status: {
      parties: { party: string; partyName: string; kind: string; signatures: { role: string }[]; missing: { role: string; roleTitle: string }[] }[];
    };
  } | null;
  parties: PartyRef[];
}

type FormName = 'paper' | 'consultation' | 'oparl';

/** Posted text fields as strings; anything else (an array from a doubled field) is left out. */
function posted(req: Request, fields: readonly string[]): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => typeof body[f] === 'string').map((f) => [f, (body[f] as string).trim()]));
}

/** An empty field is a value the sources do not give: left out of the input, so the service records it as unknown. */
function given(values: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.filter((f) => values[f] !== undefined && values[f] !== '').map((f) => [f, values[f]]));
}

/** A whole number as a number; anything else as typed, so that GraphQL refuses it with its own message. */
const int = (value: string | undefined): number | string | null =>
  value === undefined || value === '' ? null : /^-?\d+$/.test(value) ? Number(value) : value;

const CSRF_REFUSED = 'Das Formular ist abgelaufen oder stammt nicht von dieser Seite. Bitte laden Sie die Seite neu und senden Sie es noch einmal.';

/** The two forms: a signature (district signatories, admins) and council papers with their steps (council offices, admins). */
@Controller('agreements/:id')
export class FormsController {
  constructor(private readonly pages: PagesService) {}

  @Get('signatures/new')
  async signatureForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const ctx = await this.pages.context(req, res);
    if (!ctx.actor)
      return this.pages.signInPage(res, ctx, req.originalUrl, { reason: 'Bitte melden Sie sich an, um eine Unterschrift zu erfassen.' });
    const defaults: Record<string, string> = { signedOn: berlinToday(), level: 'HANDWRITTEN_SCAN' };
    if (ctx.actor.district) defaults.party = ctx.actor.district;
    await this.renderSignatureForm(req, res, ctx, id, defaults, noErrors(), 200);
  }

  @Post('signatures')
  async recordSignature(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const ctx = await this.pages.context(req, res);
    if (!ctx.actor)
      return this.pages.signInPage(res, ctx, `/agreements/${encodeURIComponent(id)}/signatures/new`, { reason: 'Bitte melden Sie sich an.' });
    const upload = await readUpload(req, res);
    const scan = upload.file;
    const values = posted(req, SIGNATURE_FIELDS);
    if (!this.pages.formAllowed(req, ctx)) {
      const errors = noErrors();
      addError(errors, null, CSRF_REFUSED);
      return this.renderSignatureForm(req, res, ctx, id, values, errors, 403);
    }
    if (upload.error) {
      const errors = noErrors();
      addError(errors, 'evidence', upload.error);
      return this.renderSignatureForm(req, res, ctx, id, values, errors, 400);
    }
    // The service computes the checksum of the scan; the file itself is not stored (see README, "Pages").
    const evidence =
      scan && scan.size > 0
        ? { fileName: Buffer.from(scan.originalname, 'latin1').toString('utf8'), sha256: createHash('sha256').update(scan.buffer).digest('hex') }
        : null;
    // Required fields go as typed, empty too, so the service names the field it refuses.
    const required = Object.fromEntries(['party', 'role', 'personName', 'signedOn', 'level'].map((f) => [f, values[f] ?? '']));
    const input = { ...required, ...given(values, ['office']), agreementId: id, version: int(values.version) ?? '', evidence };
    const answer = await callGraphQL(req, ctx.token, RECORD_SIGNATURE, { input });
    if (answer.errors.length === 0) return this.saved(res, id, 'signature');
    await this.renderSignatureForm(req, res, ctx, id, values, formErrors(answer.errors, SIGNATURE_FIELDS, 'party'), statusOf(answer));
  }

  @Get('papers/new')
  async papersForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const ctx = await this.pages.context(req, res);
    if (!ctx.actor) return this.pages.signInPage(res, ctx, req.originalUrl, { reason: 'Bitte melden Sie sich an, um eine Drucksache zu erfassen.' });
    await this.renderPapersForm(req, res, ctx, id, null, {}, noErrors(), 200);
  }

  @Post('papers')
  async recordPaper(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.papersWrite(req, res, id, 'paper', PAPER_FIELDS, async (ctx, values) => {
      const input = {
        ...given(values, PAPER_FIELDS),
        agreementId: id,
        agreementVersion: int(values.agreementVersion),
        reference: values.reference ?? '',
      };
      return callGraphQL(req, ctx.token, RECORD_PAPER, { input });
    });
  }

  @Post('consultations')
  async recordConsultation(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.papersWrite(req, res, id, 'consultation', CONSULTATION_FIELDS, async (ctx, values) => {
      const finished = values.finished === 'true' ? true : values.finished === 'false' ? false : null;
      const input = {
        ...given(values, CONSULTATION_FIELDS),
        meetingNumber: int(values.meetingNumber),
        finished,
        reference: values.reference ?? '',
        body: values.body ?? '',
      };
      return callGraphQL(req, ctx.token, RECORD_CONSULTATION, { input });
    });
  }

  /** Imports the pasted OParl paper for the chosen body, then links each paper it held to this agreement. */
  @Post('oparl')
  async importOParl(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.papersWrite(req, res, id, 'oparl', OPARL_FIELDS, async (ctx, values) => {
      const imported = await callGraphQL<{ importOParl: { body: string; oparlId: string }[] }>(req, ctx.token, IMPORT_OPARL, {
        body: values.body ?? '',
        json: values.json ?? '',
      });
      if (imported.errors.length > 0) return imported;
      for (const paper of imported.data!.importOParl) {
        const linked = await callGraphQL(req, ctx.token, LINK_PAPER, { agreementId: id, body: paper.body, oparlId: paper.oparlId });
        if (linked.errors.length > 0) return linked;
      }
      return imported;
    });
  }

  private async papersWrite(
    req: Request,
    res: Response,
    id: string,
    form: FormName,
    fields: readonly string[],
    write: (ctx: PageContext, values: Record<string, string>) => Promise<GraphQLAnswer<unknown>>,
  ): Promise<void> {
    const ctx = await this.pages.context(req, res);
    if (!ctx.actor)
      return this.pages.signInPage(res, ctx, `/agreements/${encodeURIComponent(id)}/papers/new`, { reason: 'Bitte melden Sie sich an.' });
    const values = posted(req, fields);
    if (!this.pages.formAllowed(req, ctx)) {
      const errors = noErrors();
      addError(errors, null, CSRF_REFUSED);
      return this.renderPapersForm(req, res, ctx, id, form, values, errors, 403);
    }
    const answer = await write(ctx, values);
    if (answer.errors.length === 0) return this.saved(res, id, form);
    const forbiddenField = form === 'consultation' ? 'paperBody' : 'body';
    await this.renderPapersForm(
      req,
      res,
      ctx,
      id,
      form,
      values,
      formErrors(answer.errors, fields, forbiddenField, form === 'oparl' ? 'json' : null),
      statusOf(answer),
    );
  }

  /** Post, then redirect, then get: reloading the confirmation does not send the form again. */
  private saved(res: Response, id: string, what: string): void {
    res.redirect(303, `/agreements/${encodeURIComponent(id)}?saved=${what}`);
  }

  private async formData(req: Request, res: Response, ctx: PageContext, id: string): Promise<(FormData['agreement'] & object) | null> {
    const answer = await callGraphQL<FormData>(req, ctx.token, FORM_DATA, { id, today: berlinToday() });
    if (this.pages.refused(req, res, ctx, answer)) return null;
    if (!answer.data!.agreement) {
      this.pages.send(res, ctx, 404, problemView('Zielvereinbarung nicht gefunden', `agreement '${id}' not found`, 'NOT_FOUND'));
      return null;
    }
    return answer.data!.agreement;
  }

  private async renderSignatureForm(
    req: Request,
    res: Response,
    ctx: PageContext,
    id: string,
    values: Record<string, string>,
    errors: FormErrors,
    status: number,
  ): Promise<void> {
    const a = await this.formData(req, res, ctx, id);
    if (!a) return;
    const allowed = mayCallMutation(ctx.actor!, 'recordSignature');
    if (!allowed) addError(errors, null, `FORBIDDEN: your role may not call recordSignature`);
    const roles = new Map<string, string>();
    for (const p of a.status.parties) {
      for (const m of p.missing) roles.set(m.role, m.roleTitle);
      for (const s of p.signatures) if (!roles.has(s.role)) roles.set(s.role, s.role);
    }
    const own = ctx.actor!.district;
    const parties = a.status.parties
      .map((p) => ({ id: p.party, name: p.partyName, kind: p.kind as PartyRef['kind'] }))
      .sort((x, y) => Number(y.id === own) - Number(x.id === own));
    const versions = a.versions.items.filter((v) => v.frozenOn !== null).sort((x, y) => y.number - x.number);
    const roleOptions: Option[] = [...roles].map(([value, label]) => ({ value, label }));
    const view = signatureFormView({
      agreementId: a.id,
      title: a.title ?? a.id,
      versions,
      parties,
      roles: roleOptions,
      values,
      errors,
      csrf: ctx.csrf,
    });
    this.pages.send(res, ctx, allowed ? status : 403, view);
  }

  private async renderPapersForm(
    req: Request,
    res: Response,
    ctx: PageContext,
    id: string,
    form: FormName | null,
    values: Record<string, string>,
    errors: FormErrors,
    status: number,
  ): Promise<void> {
    const answer = await callGraphQL<FormData>(req, ctx.token, FORM_DATA, { id, today: berlinToday() });
    if (this.pages.refused(req, res, ctx, answer)) return;
    const a = answer.data!.agreement;
    if (!a) return this.pages.send(res, ctx, 404, problemView('Zielvereinbarung nicht gefunden', `agreement '${id}' not found`, 'NOT_FOUND'));
    const own = ctx.actor!.body;
    const bodies: Option[] = answer
      .data!.parties.filter((p) => p.kind === 'DISTRICT')
      .map((p) => ({ value: `bvv-${p.id}`, label: `BVV ${p.name.replace(/^Bezirksamt /, '')}` }))
      .sort((x, y) => Number(y.value === own) - Number(x.value === own));
    const allowed = mayCallMutation(ctx.actor!, 'recordPaper');
    const forms: Record<FormName, { values: Record<string, string>; errors: FormErrors }> = {
      paper: { values: { body: own ?? '' }, errors: noErrors() },
      consultation: { values: { paperBody: own ?? '', body: own ?? '' }, errors: noErrors() },
      oparl: { values: { body: own ?? '' }, errors: noErrors() },
    };
    if (form) forms[form] = { values, errors };
    if (!allowed) addError(forms.paper.errors, null, 'FORBIDDEN: your role may not call recordPaper');
    const versions = a.versions.items.map((v) => v.number).sort((x, y) => x - y);
    this.pages.send(
      res,
      ctx,
      allowed ? (hasErrors(errors) ? status : 200) : 403,
      papersFormView({ agreementId: a.id, title: a.title ?? a.id, bodies, versions, forms, csrf: ctx.csrf }),
    );
  }
}

const parseSignatureForm = multer({ storage: memoryStorage(), limits: { fileSize: MAX_SCAN_BYTES, files: 1, fields: 20 } }).single('evidence');

/** Reads the multipart form here rather than in an interceptor, so that a scan too large is a message beside its field. */
function readUpload(req: Request, res: Response): Promise<{ file: Express.Multer.File | undefined; error: string | null }> {
  return new Promise((resolve, reject) => {
    parseSignatureForm(req, res, (error: unknown) => {
      if (error instanceof MulterError) {
        const tooLarge = error.code === 'LIMIT_FILE_SIZE';
        resolve({
          file: undefined,
          error: tooLarge
            ? `Die Datei ist größer als ${MAX_SCAN_BYTES / 1024 / 1024} MiB.`
            : `Das Formular kann nicht gelesen werden (${error.code}).`,
        });
      } else if (error) reject(error instanceof Error ? error : new Error('the form could not be read'));
      else resolve({ file: req.file, error: null });
    });
  });
}

/** A refused write answers with the status of its refusal; a form with wrong values is 400. */
function statusOf(answer: GraphQLAnswer<unknown>): number {
  const code = answer.errors[0]?.extensions?.code;
  return code === 'FORBIDDEN' ? 403 : code === 'UNAUTHENTICATED' ? 401 : code === 'NOT_FOUND' ? 404 : code === 'INTERNAL_SERVER_ERROR' ? 500 : 400;
}
