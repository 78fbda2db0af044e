// Who may do what (docs/api.md, "Roles"): pure data and functions, no I/O.

export * from './duties.js';
export * from './permissions.js';
