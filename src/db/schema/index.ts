export * from './roster.js';
export * from './campaigns.js';
export * from './check-ins.js';
export * from './inbox.js';
export * from './outbox.js';
export * from './job-runs.js';
