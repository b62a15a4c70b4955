/**
 * Every failure Ducha names, in one place: the HTTP status it answers with where it answers a
 * request, and what it means. Logs and tests use the code; people read the message.
 */
const ERRORS = {
  // Lark's doors (the webhook pipeline): `message` is the `error` of the 4xx answer, for whoever set up the app.
  body_too_large: { status: 413, message: 'body too large' },
  malformed_json: { status: 400, message: 'malformed JSON' },
  incomplete_signature: { status: 401, message: 'incomplete signature headers' },
  stale_timestamp: { status: 401, message: 'stale or invalid timestamp' },
  bad_signature: { status: 401, message: 'bad signature' },
  no_encrypt_key: { status: 400, message: 'encrypted body but no encrypt key configured' },
  undecryptable: { status: 400, message: 'cannot decrypt body' },
  malformed_inner_json: { status: 400, message: 'malformed JSON inside encrypted body' },
  payload_too_deep: { status: 400, message: 'JSON nested too deep (over 64 levels)' },
  not_encrypted: { status: 400, message: 'body must be encrypted' },
  wrong_token: { status: 401, message: 'wrong verification token' },
  challenge_missing: { status: 400, message: 'challenge missing' },
  missing_signature: { status: 401, message: 'missing signature' },
  unsupported_envelope: { status: 400, message: 'unsupported envelope: schema 2.0 expected' },
  event_id_missing: { status: 400, message: 'event_id or event_type missing' },
  event_missing: { status: 400, message: 'event missing' },
  not_a_card_callback: { status: 400, message: 'not a card callback' },
  not_found: { status: 404, message: 'not found' },
  internal: { status: 500, message: 'internal error' },
  // Refusals a person reads: the message is theirs (Chinese, from texts/), given where it is thrown.
  invalid_field: { status: 422, message: 'a value of the answer is not valid' },
  missing_field: { status: 422, message: 'a required field of the answer is missing' },
  ambiguous_answer: { status: 422, message: 'the answer can be read two ways; the person is asked which' },
  no_round: { status: 409, message: 'the campaign has no current round' },
  round_closed: { status: 409, message: 'the card or answer names a round that is no longer current' },
  round_over: { status: 409, message: 'the round to nudge for is over' },
  not_your_card: { status: 403, message: 'the card clicked is not one the bot sent to this person or into their chat' },
  not_audience: { status: 403, message: 'the person does not answer this campaign' },
  not_your_school: { status: 403, message: 'only the school’s principal may nudge its teachers' },
  already_nudged: { status: 409, message: 'the school was nudged today already' },
  budget_exhausted: { status: 429, message: 'every teacher named had the reminders a round allows' },
  everyone_answered: { status: 409, message: 'nobody is left to nudge' },
  unknown_place: { status: 404, message: 'no town or school of that name' },
  ambiguous_school: { status: 409, message: 'several schools have that name' },
  unknown_campaign: { status: 404, message: 'no campaign of that name or code' },
  ambiguous_campaign: { status: 409, message: 'several campaigns have that word in their title' },
  bad_period: { status: 400, message: 'not a period such as 2026-12' },
  export_unavailable: { status: 501, message: 'the Excel export runs on the Node deployment only' },
  export_too_big: { status: 413, message: 'the workbook is over Lark\'s 30 MB file limit' },
  evidence_refused: { status: 422, message: 'the photo or file is too big, empty, or of a type evidence does not take' },
  evidence_unavailable: { status: 501, message: 'no evidence store is configured on this deployment' },
  no_framework: { status: 409, message: 'no indicator framework is active' },
  unknown_sub_item: { status: 404, message: 'no sub-item of the active framework has that code or name' },
  ambiguous_sub_item: { status: 409, message: 'several sub-items of the active framework match the words' },
  no_unfiled_evidence: { status: 404, message: 'the person has no evidence waiting for its sub-item' },
  not_your_evidence: { status: 403, message: 'the evidence was uploaded by someone else' },
  not_a_reviewer: { status: 403, message: 'only bureau officers and admins review evidence' },
  unknown_evidence: { status: 404, message: 'no evidence filed under a sub-item has that id' },
  not_an_evidence_viewer: { status: 403, message: 'only the bureau, admins and the school’s own principal open a school’s evidence' },
  evidence_bytes_missing: { status: 410, message: 'the evidence store no longer holds the file’s bytes' },
  already_reviewed: { status: 409, message: 'the evidence was accepted or returned already (by another reviewer, or an earlier click)' },
  chat_in_use: { status: 409, message: 'the roster gives one chat to two schools' },
  roster_exists: { status: 409, message: 'the database holds a roster already' },
  unknown_student: { status: 404, message: 'no student of that name or number where the person may look' },
  not_your_student: { status: 403, message: 'the person may not see or change this student' },
  unknown_teacher: { status: 404, message: 'no active teacher of that name in the school' },
  ambiguous_teacher: { status: 409, message: 'several active teachers of the school have that name' },
  outside_window: { status: 422, message: 'the time asked for is outside the sending window' },
  not_your_check: { status: 403, message: 'the daily check is another mentor’s' },
  no_dropout_case: { status: 404, message: 'the student has no open dropout case' },
  dropout_invalid_move: { status: 409, message: 'the dropout case cannot move to that state from its current one' },
  dropout_stale: { status: 409, message: 'the card names a dropout case state that has changed since' },
  unknown_person: { status: 404, message: 'no active staff member of that name in the school' },
  no_term: { status: 409, message: 'the school calendar has no term for today' },
  // Chats that bind themselves (the bot added to a group).
  not_a_binder: { status: 403, message: 'only a principal, a bureau officer or an admin binds a chat' },
  not_your_place: { status: 403, message: 'a principal binds a chat to their own school only, a bureau officer to the bureau only' },
  chat_bound_elsewhere: { status: 409, message: 'the chat is bound to another school or the bureau; only an admin rebinds it' },
  school_has_chat: { status: 409, message: 'the school is bound to another chat; only an admin rebinds it' },
  not_an_admin: { status: 403, message: 'only an admin adds people to the roster from a chat' },
  name_with_markup: { status: 422, message: 'the Lark name holds markup and cannot go into the roster as it is' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const statusOf = <C extends ErrorCode>(code: C): (typeof ERRORS)[C]['status'] => ERRORS[code].status;
export const messageOf = (code: ErrorCode): string => ERRORS[code].message;

/** A refusal the user should read: a code for logs and tests, a message in the user's language. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
