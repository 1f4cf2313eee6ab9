// The quick class reader (core/models/quickClass.ts) must read exactly what tree-sitter's reading
// gives, or decline: compared chunk by chunk on every fixture and on generated class shapes, and as
// whole schemas (the 50,000-line file with an unclosed bracket, every fixture project) against a
// from-scratch analysis with tree-sitter alone.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { openProjectCache } from '../../../src/core/cache/projectCache';
import { extractModels } from '../../../src/core/models';
import { parseChunk, parsedChunkCount, withTreeSitterOnly } from '../../../src/core/models/moduleFacts';
import { ModelCache } from '../../../src/core/project/modelCache';
import { readQuickClass } from '../../../src/core/models/quickClass';
import { splitTopLevel } from '../../../src/core/python/chunks';
import { initPythonParser } from '../../../src/core/python/parser';
import type { SourceFile } from '../../../src/core/models/types';

const FIXTURES = path.resolve(__dirname, '../../../../test-fixtures');
const IDENTITY = { path: '/p/models.py', moduleName: 'models', isPackage: false };

/** JSON with Maps and key order kept: equal strings mean the same facts, field for field, in the same order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v));
}

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== '__pycache__' && name !== 'node_modules') pythonFiles(file, out);
    } else if (name.endsWith('.py')) out.push(file);
  }
  return out;
}

/** Compares the quick reading of every chunk of `text` it accepts with tree-sitter's; returns how many it accepted. */
function compareChunks(text: string, label: string): { accepted: number; chunks: number } {
  let accepted = 0;
  const chunks = splitTopLevel(text);
  for (const chunk of chunks) {
    const quick = readQuickClass(chunk.text, chunk.row);
    if (!quick) continue;
    accepted++;
    const parsed = parseChunk(chunk.text, chunk.row, IDENTITY);
    assert.equal(parsed.broken, null, `${label}: the quick reader accepted a chunk tree-sitter finds broken:\n${chunk.text}`);
    assert.deepEqual(parsed.errors, [], `${label}: syntax errors in an accepted chunk:\n${chunk.text}`);
    assert.equal(canonical(quick.statements), canonical(parsed.statements), `${label}: statements differ for:\n${chunk.text}`);
    assert.equal(canonical(quick.imports), canonical(parsed.imports), `${label}: import actions differ for:\n${chunk.text}`);
  }
  return { accepted, chunks: chunks.length };
}

/** Body statements that model classes are made of, with shapes at the edge of what the quick reader takes. */
const BODY_LINES = [
  '__tablename__ = "thing"',
  "__tablename__ = 'it''s'",
  '__table_args__ = (db.UniqueConstraint("a", "b"), db.Index("ix", "a"), {"schema": "s"})',
  '__table_args__ = {"extend_existing": True}',
  "__mapper_args__ = {'polymorphic_identity': 'x', 'polymorphic_on': type_}",
  'id = db.Column(db.Integer, primary_key=True)',
  'id: Mapped[int] = mapped_column(primary_key=True)',
  'name: so.Mapped[str] = so.mapped_column(sa.String(64), index=True, unique=True)',
  'email: Mapped[Optional[str]] = mapped_column(String(120))',
  'bio: Mapped[str | None]',
  'bio2: Mapped[Optional[str] | None]',
  'bio3: Mapped[None | int]',
  'bio4: Mapped[Union[int, None]] = mapped_column()',
  'posts: Mapped[List["Post"]] = relationship(back_populates="author")',
  'tags: so.WriteOnlyMapped["Tag"] = so.relationship(secondary=tags_table)',
  'data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)',
  'data2: Mapped[Dict[str, int]]',
  'quoted: "Mapped[int]" = mapped_column()',
  'kind: Mapped[Kind] = mapped_column(Enum(Kind, name="kind"), server_default="a")',
  'price = db.Column(db.Numeric(10, 2), nullable=False, server_default="0")',
  'score = db.Column(db.Float, default=-1.5)',
  'count = db.Column(db.Integer, default=-3)',
  'big = db.Column(db.BigInteger, default=1000000)',
  'zero = db.Column(db.Integer, default=0)',
  'flag = db.Column(db.Boolean, default=False, server_default=db.false())',
  'maybe = db.Column(db.Integer, default=None)',
  'created = db.Column(db.DateTime, default=datetime.utcnow, server_default=db.func.now())',
  'status = db.Column(db.Enum("draft", "live", name="status"), nullable=False)',
  'owner_id = db.Column(db.Integer, db.ForeignKey("user.id", ondelete="CASCADE"), index=True)',
  'esc = db.Column(db.String, default="a\\"b\\\\c\\n")',
  "single = db.Column(db.String, default='x')",
  'brace = db.Column(db.String, default="{not an f-string}")',
  'empty_list = db.Column(ARRAY(db.Integer), default=[])',
  'a_list = db.Column(ARRAY(db.Integer), default=[1, 2, 3,])',
  'a_set = db.Column(db.String, info={1, 2})',
  'one_set = db.Column(db.String, info={1})',
  'a_dict = db.Column(db.JSON, default={})',
  'a_dict2 = db.Column(db.JSON, info={"a": 1, "b": [2],})',
  'unit = db.Column(db.String, info=())',
  'single_tuple = db.Column(db.String, info=(1,))',
  'paren = db.Column((db.String), nullable=(True))',
  'union_value = db.Column(db.String, info=a | b | c)',
  'sub = db.Column(ARRAY(db.String)[0])',
  'sub2 = x[a, b]',
  'paren_attr = (db).Column((db.String).x, (a)(1), (a)[0])',
  'paren_or = db.Column(info=(a) | b | (c))',
  'tuple_attr = (a, b).count',
  'a = b = db.Column(db.Integer)',
  'alias = db.synonym("name")',
  'multi = db.Column(\n        db.String(20),\n        nullable=False,\n    )',
  'multi2 = db.Column(db.String(20),\n                   nullable=False)',
  'query = db.Column(db.String)',
  'query_class = MyQuery',
  'metadata = MetaData()',
  'type = db.Column(db.String(20))',
  'type: Mapped[str]',
  'match = db.Column(db.String)',
  'print = 1',
  'typed_kw = mapped_column(type_=Integer)',
  'bare: int',
  'none_ann: None = None',
  'dotted: sa.orm.Mapped[int] = mapped_column()',
  'generic_attr: Mapped[sa.Integer]',
  'nested: Mapped[Optional[List[Dict[str, "X"]]]]',
  'pass',
  '"""A docstring."""',
  '"""A docstring\n    on two lines."""',
  "'single docstring'",
  // Comments: ignored by tree-sitter's statements, never inside a range the quick reader gives.
  '# a comment line',
  '# ñandú: comentario en español',
  'mail = db.Column(db.String(120))  # correo electrónico',
  'hash_in_str = db.Column(db.String, default="# not a comment")  # but this is',
  'commented = db.Column(  # why\n        db.String(20),  # length\n        # nothing here\n        nullable=False,\n    )',
  'commented_ann: Mapped[int] = mapped_column(  # c\n    )',
  "'doc'  # and a comment",
  'pass  # nothing',
  // Shapes the quick reader leaves to tree-sitter (each must still agree or be declined).
  'f = db.Column(db.String, default=f"x{y}")',
  'lam = db.Column(db.String, default=lambda: 1)',
  'op = db.Column(db.Integer, default=1 + 2)',
  'neg = db.Column(db.Integer, default=- 2)',
  'hexed = db.Column(db.Integer, default=0x1f)',
  'exp = db.Column(db.Float, default=1e5)',
  'under = db.Column(db.Integer, default=1_000)',
  'star = db.Column(*args)',
  'starstar = db.Column(**kw)',
  'cmp = a == b',
  'cond = 1 if a else 2',
  'gen = f(x for x in y)',
  'concat = db.Column(db.String, default="a" "b")',
  'chain: int = b = 1',
  'aug += 1',
  'attr.target = 1',
  'call_stmt()',
  'sliced = x[1:2]',
  'trailing_sub = x[a,]',
  'walrus = (y := 1)',
  'semi = 1; other = 2',
  '...',
  'def method(self):\n        return 1',
  '@declared_attr\n    def table(cls):\n        return 1',
  'raw = r"\\d+"',
  'bytes_ = b"x"',
  'cont = 1 + \\\n        2',
];

const HEADERS = [
  'class Thing(db.Model):',
  'class Thing(Base):',
  'class Thing(Base, TimestampMixin):',
  'class Thing(db.Model, metaclass=Meta):',
  'class Thing:',
  'class Thing():',
  'class Thing(sa.orm.DeclarativeBase):',
  'class Thing(\n    Base,\n    Mixin,\n):',
  'class Thing(get_base()):',
  'class Thing(mod.get().Model):',
  'class Thing((Base)):',
  'class Thing(db.Model):  # the things',
  'class Thing(  # bases\n    Base,  # the base\n):',
];

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** bench/models.ts's 50,000-line file: 2,500 typed models, `mapped_column(` left open in the middle one. */
function unbalancedFile(): string {
  const lines = [
    'from sqlalchemy import String',
    'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
    '',
    '',
    'class Base(DeclarativeBase):',
    '    pass',
    '',
    '',
  ];
  for (let i = 0; i < 2500; i++) {
    lines.push(`class Thing${i}(Base):`, `    __tablename__ = "thing_${i}"`, '    id: Mapped[int] = mapped_column(primary_key=True)');
    for (let c = 0; c < 15; c++) lines.push(`    c_${c}: Mapped[str] = mapped_column(String(${100 + c}))`);
    if (i === 1250) lines.push('    rating: Mapped[int] = mapped_column(');
    lines.push('', '');
  }
  return lines.join('\n');
}

describe('quick class reader', () => {
  before(async () => {
    await initPythonParser();
  });

  it('reads every fixture chunk it accepts exactly as tree-sitter does', () => {
    let accepted = 0;
    for (const file of pythonFiles(FIXTURES)) accepted += compareChunks(readFileSync(file, 'utf8'), path.relative(FIXTURES, file)).accepted;
    // The fixtures' plain model classes go the quick way (so this comparison is not empty).
    assert.ok(accepted >= 20, `only ${accepted} fixture chunks were read the quick way`);
  });

  it('reads every generated class shape it accepts exactly as tree-sitter does, and declines the rest', () => {
    const next = random(Number(process.env.QUICK_SEED ?? 12));
    let accepted = 0;
    for (let n = 0; n < Number(process.env.QUICK_N ?? 1500); n++) {
      const lines = [pick(next, HEADERS)];
      const count = 1 + Math.floor(next() * 6);
      for (let i = 0; i < count; i++) {
        lines.push(`    ${pick(next, BODY_LINES)}`);
        // Comment lines at other indentations, between statements and after the last one.
        if (next() < 0.1) lines.push(pick(next, ['# column 0', '  # shallow', '        # deeper', '    # same']));
      }
      if (next() < 0.3) lines.push('');
      if (next() < 0.3) lines.push('    ');
      const text = `${lines.join('\n')}${next() < 0.8 ? '\n\n' : ''}`;
      const row = Math.floor(next() * 50);
      const quick = readQuickClass(text, row);
      if (!quick) continue;
      accepted++;
      const parsed = parseChunk(text, row, IDENTITY);
      assert.equal(parsed.broken, null, `accepted a chunk tree-sitter finds broken:\n${text}`);
      assert.equal(canonical(quick.statements), canonical(parsed.statements), `statements differ for:\n${text}`);
      assert.equal(canonical(quick.imports), canonical(parsed.imports), `import actions differ for:\n${text}`);
    }
    assert.ok(accepted >= 150, `only ${accepted} of 1500 generated classes were read the quick way`);
  });

  it('declines what it does not know, and half-typed code', () => {
    for (const text of [
      'class A(Base):\n    x = db.Column(\n',
      'class A(Base):\n    x = db.Column(db.Integer)\n    # an indented comment after the last statement (in the class range)\n',
      'class A(Base):\n    x = db.Column(db.Integer)\n    # indented\n# then at column 0\n',
      'class A(Base):\n    x = 1\n        # deeper, after the last statement\n',
      'class A(Base):\n    # only a comment\n',
      'class A(Base):\n    x = 1\n    y = db.Column(db.Integer)  # a comment on the last line (in the class range)\n',
      'class A(Base):\n    # comment\n    ñ = 1\n',
      'class A(Base):\n    x = db.Column(db.String, default="ñ")\n',
      'class A(Base):\r\n    x = 1\r\n',
      'class A(Base):\n\tx = 1\n',
      'class A(Base):\n    x = 1\n  y = 2\n',
      'class A(Base):\n    x = 1\n        y = 2\n',
      'class A(Base):\n    x = 1\nx = 2\n',
      'class A(Base): pass\n',
      'class A(Base):\n',
      'class A(Base)\n    x = 1\n',
      'class A(Base):\n    rating: Mapped[int] = mapped_column(\n\n\nclass B(Base):\n    pass\n',
      'class A(Base):\n    x = db.Column(db.String, default="unterminated)\n',
      'class A(Base):\n    x = mapped_column(sa.Integ\n',
      'class A(Base):\n    x = 007\n',
    ])
      assert.equal(readQuickClass(text, 0), null, text);
  });

  it('gives the same schema as tree-sitter alone for the 50,000-line file with an unclosed bracket', () => {
    const files = [{ path: '/bench/big_models.py', text: unbalancedFile() }];
    const quick = extractModels(files, { root: '/bench' });
    const old = withTreeSitterOnly(() => extractModels(files, { root: '/bench' }));
    assert.equal(Object.keys(quick.schema.tables).length, 2500);
    assert.ok(
      quick.notes.some((n) => n.kind === 'parse-error'),
      'the unclosed bracket is reported',
    );
    assert.equal(canonical(quick), canonical(old));
  });

  it('keeps only the parsed chunks in the persistent cache, and a reopen parses nothing and reads the same schema', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mg-quick-cache-'));
    try {
      const file = path.join(root, 'models.py');
      const text = unbalancedFile();
      const firstCache = openProjectCache(root);
      const reader = new ModelCache(root, firstCache);
      reader.set(file, text);
      const schema = canonical(reader.schema());
      firstCache.flush();
      const stored = openProjectCache(root).models.get(file, text);
      // The imports and the class with the unclosed bracket; the 2,500 plain classes are not stored.
      assert.deepEqual(
        stored?.map(([chunk]) => chunk.split('\n')[0]),
        ['from sqlalchemy import String', 'class Thing1250(Base):'],
      );
      const parsedBefore = parsedChunkCount();
      const reopened = new ModelCache(root, openProjectCache(root));
      reopened.set(file, text);
      assert.equal(canonical(reopened.schema()), schema);
      assert.equal(parsedChunkCount(), parsedBefore, 'a reopen of the same text parses nothing');
      assert.equal(canonical(reopened.schema()), canonical(withTreeSitterOnly(() => extractModels([{ path: file, text }], { root }))));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('gives the same schema as tree-sitter alone for every fixture project', () => {
    for (const fixture of readdirSync(FIXTURES)) {
      const root = path.join(FIXTURES, fixture);
      if (!statSync(root).isDirectory()) continue;
      const files: SourceFile[] = pythonFiles(root)
        .filter((f) => !f.includes(`${path.sep}versions${path.sep}`))
        .map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
      const quick = extractModels(files, { root });
      const old = withTreeSitterOnly(() => extractModels(files, { root }));
      assert.equal(canonical(quick), canonical(old), fixture);
    }
  });
});
