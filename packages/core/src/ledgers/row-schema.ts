import {
  DEFAULT_MAX_LENGTH,
  DEFAULT_MAX_STAGES,
  DEFAULT_REF_TITLE,
  DEFAULT_SECTION_TITLE,
  type FieldDefinition,
  type LedgerTypeDefinition,
  STAGE_STATUSES,
} from './definition.js';

/** A JSON Schema node as generated here. */
type Node = Record<string, unknown>;

const ref = (definition: string): Node => ({ $ref: `#/$defs/${definition}` });
const described = (node: Node, description: string | undefined): Node =>
  description === undefined ? node : { ...node, description };

/** Where the schema keeps the row definition of a ledger type: `$defs/ledger_<code>`. */
export function rowSchemaName(code: string): `ledger_${string}` {
  return `ledger_${code}`;
}

/**
 * The JSON Schema of one field's values. The checks a schema cannot make exactly (a decimal's
 * bounds and digits, a real date, a section or row that exists) are the row checks'.
 */
function fieldSchema(field: FieldDefinition): Node {
  const titled = (node: Node) => described({ ...node, title: field.title }, field.description);
  switch (field.type) {
    case 'text':
      return titled({ type: 'string', minLength: 1, maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH });
    case 'integer': {
      const bounds: Node = {};
      if (field.min !== undefined) bounds.minimum = Number(field.min);
      if (field.max !== undefined) bounds.maximum = Number(field.max);
      return titled({ type: 'integer', ...bounds });
    }
    case 'decimal':
      return titled(ref(field.min !== undefined && Number(field.min) >= 0 ? 'nonNegativeDecimal' : 'decimal'));
    case 'date':
      return titled(ref('date'));
    case 'dateTime':
      return titled(ref('instant'));
    case 'boolean':
      return titled({ type: 'boolean' });
    case 'choice':
      return titled({ enum: [...(field.values ?? [])] });
    case 'section':
      return titled(ref('code'));
    case 'reference':
      return titled(ref('ledgerRef'));
    case 'stages':
      return titled({
        type: 'array',
        maxItems: field.maxItems ?? DEFAULT_MAX_STAGES,
        items: {
          title: '节点',
          type: 'object',
          additionalProperties: false,
          required: ['stage', 'status'],
          properties: {
            stage: { title: '节点', enum: [...(field.stages ?? [])] },
            status: { title: '节点状态', enum: [...STAGE_STATUSES] },
            plannedAt: { ...ref('date'), title: '计划完成日期' },
            doneAt: { ...ref('date'), title: '完成日期' },
          },
        },
      });
    case 'facts':
      return titled({
        type: 'object',
        propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' },
        additionalProperties: {
          description: 'A number, a text or a yes/no.',
          anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
        },
      });
  }
}

/**
 * The JSON Schema of one row of a ledger type, as `$defs/ledger_<code>` of the dataset schema
 * holds it: `ref` and `section`, then the type's fields. Retired fields stay in it, so rows
 * that hold them still load; the services refuse a write to one.
 */
export function rowSchema(type: LedgerTypeDefinition): Node {
  const properties: Node = {
    ref: described({ ...ref('ledgerRef'), title: type.refTitle ?? DEFAULT_REF_TITLE }, type.refDescription),
    section: {
      ...ref('code'),
      title: type.sectionTitle ?? DEFAULT_SECTION_TITLE,
      description: 'Code of the owning section; must be listed in sections.',
    },
  };
  for (const field of type.fields) properties[field.code] = fieldSchema(field);
  return described(
    {
      title: type.rowTitle,
      type: 'object',
      additionalProperties: false,
      required: ['ref', 'section', ...type.fields.filter((f) => f.required && f.retired !== true).map((f) => f.code)],
      properties,
    },
    type.description,
  );
}

/** The schema of a dataset's `ledgers.<code>`: the list of a type's rows. */
export function rowListSchema(type: LedgerTypeDefinition): Node {
  return described(
    { title: type.name, type: 'array', items: ref(rowSchemaName(type.code)) },
    `${type.rowTitle}: one row each.`,
  );
}
