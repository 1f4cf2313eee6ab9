// The type changes whose behaviour on PostgreSQL the MF105 table documents: for each, sample values
// of the old type, each tried on its own (so one refusal does not hide another value's fate).
export interface TypeChangePair {
  from: string;
  to: string;
  /** SQL literals of the old type. */
  samples: string[];
  /** Enum types the pair needs: name → labels (created before, as the revision would have them). */
  enums?: Record<string, string[]>;
  /** For an enum losing labels: its labels afterwards (the type is recreated, as our revisions do). */
  enumAfter?: string[];
  /** A USING expression written by hand in a revision (our revisions never write these for the pair). */
  using?: string;
  note?: string;
}

export const TYPE_CHANGE_PAIRS: TypeChangePair[] = [
  { from: 'character varying(100)', to: 'character varying(20)', samples: [`'short'`, `'${'x'.repeat(30)}'`] },
  {
    from: 'character varying(100)',
    to: 'character varying(20)',
    using: 'v::character varying(20)',
    samples: [`'short'`, `'${'x'.repeat(30)}'`],
    note: 'an explicit cast in USING truncates instead of refusing',
  },
  { from: 'text', to: 'character varying(20)', samples: [`'short'`, `'${'y'.repeat(25)}'`] },
  { from: 'character varying(20)', to: 'character varying(100)', samples: [`'short'`, `'${'z'.repeat(20)}'`] },
  { from: 'character varying(20)', to: 'text', samples: [`'short'`] },
  { from: 'character(10)', to: 'character(5)', samples: [`'abc'`, `'abcdefgh'`] },
  { from: 'numeric(12,4)', to: 'numeric(12,2)', samples: ['1.5', '1.2345'] },
  { from: 'numeric(12,2)', to: 'numeric(8,2)', samples: ['12.50', '123456789.12'] },
  { from: 'numeric(10,2)', to: 'numeric(12,4)', samples: ['12345678.12'] },
  { from: 'numeric(10,2)', to: 'numeric', samples: ['12345678.12'] },
  { from: 'numeric', to: 'numeric(10,2)', samples: ['12.5', '1.005', '123456789012'] },
  { from: 'numeric(10,2)', to: 'integer', samples: ['12.00', '12.50'] },
  { from: 'numeric(20,0)', to: 'double precision', samples: ['42', '12345678901234567891'] },
  { from: 'double precision', to: 'integer', samples: ['3', '2.7'] },
  { from: 'double precision', to: 'real', samples: ['0.5', '0.1234567891'] },
  { from: 'real', to: 'double precision', samples: ['0.5', '0.1'] },
  { from: 'bigint', to: 'integer', samples: ['7', '3000000000'] },
  { from: 'integer', to: 'smallint', samples: ['7', '40000'] },
  { from: 'smallint', to: 'integer', samples: ['32767'] },
  { from: 'integer', to: 'bigint', samples: ['2147483647'] },
  { from: 'integer', to: 'numeric(12,2)', samples: ['2147483647'] },
  { from: 'integer', to: 'numeric(5,2)', samples: ['7', '1000'] },
  { from: 'integer', to: 'real', samples: ['7', '16777217'] },
  { from: 'integer', to: 'double precision', samples: ['2147483647'] },
  { from: 'bigint', to: 'double precision', samples: ['7', '9007199254740993'] },
  { from: 'text', to: 'integer', samples: [`'42'`, `'abc'`, `'007'`] },
  { from: 'character varying(10)', to: 'numeric(10,2)', samples: [`'12.5'`, `'1.005'`, `'n/a'`] },
  { from: 'integer', to: 'text', samples: ['-42'] },
  { from: 'integer', to: 'character varying(3)', samples: ['7', '12345'] },
  { from: 'timestamp without time zone', to: 'date', samples: [`'2024-05-01 00:00:00'`, `'2024-05-01 13:45:00'`] },
  { from: 'timestamp without time zone', to: 'timestamp(0) without time zone', samples: [`'2024-05-01 13:45:00'`, `'2024-05-01 13:45:00.75'`] },
  {
    from: 'timestamp with time zone',
    to: 'timestamp without time zone',
    samples: [`'2024-05-01 13:45:00+02'`],
    note: 'the values are read in the session time zone (UTC here)',
  },
  {
    from: 'timestamp without time zone',
    to: 'timestamp with time zone',
    samples: [`'2024-05-01 13:45:00'`],
    note: 'the values are read in the session time zone (UTC here)',
  },
  { from: 'date', to: 'timestamp without time zone', samples: [`'2024-05-01'`] },
  { from: 'boolean', to: 'integer', samples: ['true', 'false'] },
  { from: 'integer', to: 'boolean', samples: ['1', '0', '2'] },
  { from: 'json', to: 'jsonb', samples: [`'{"a":1}'`, `'{"a":1,"a":2}'`] },
  { from: 'jsonb', to: 'json', samples: [`'{"a": 1}'`] },
  { from: 'text', to: 'uuid', samples: [`'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'`, `'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'`, `'nope'`] },
  { from: 'text', to: 'date', samples: [`'2024-05-01'`, `'2024-5-1'`, `'someday'`] },
  { from: 'character varying(20)', to: 'boolean', samples: [`'true'`, `'yes'`, `'maybe'`] },
  { from: 'uuid', to: 'text', samples: [`'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'`] },
  {
    from: 'mood',
    to: 'mood',
    enums: { mood: ['sad', 'ok', 'happy'] },
    enumAfter: ['sad', 'ok'],
    samples: [`'ok'`, `'happy'`],
    note: 'enum label happy removed: the type is recreated and the values converted through text',
  },
  { from: 'character varying(20)', to: 'mood', enums: { mood: ['sad', 'ok'] }, samples: [`'ok'`, `'meh'`] },
  { from: 'mood', to: 'character varying(100)', enums: { mood: ['sad', 'ok'] }, samples: [`'ok'`] },
  { from: 'mood', to: 'character varying(2)', enums: { mood: ['sad', 'ok'] }, samples: [`'ok'`, `'sad'`] },
];
