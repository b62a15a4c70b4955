export * from './roster.js';
export * from './campaigns.js';
export * from './responses.js';
export * from './inbox.js';
export * from './outbox.js';
export * from './job-runs.js';
export * from './calendar.js';
export * from './reminder-ledger.js';
