// Runs the peer libraries Ascribe is compared with over the same texts, on one thread, and prints
// one RESULT line per measurement in the layout of Ascribe's --quick harness:
//   RESULT <name> <words/s> words/s <words> words <cpu-s> cpu-s <wall-s> wall-s <docs> docs <units> <unit>
//   PEAK <MiB> MiB
// Words are whitespace-separated words (as `wc -w` counts them) so every tool divides by the same number.
//
// usage: node peers.mjs compromise|wink|read [--texts DIR] [--min-words N] [--min-seconds S] [--ann DIR]
//   --ann DIR (compromise only): also write compromise's quotations as BRAT content spans, DIR/ARTICLE.ann
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const tool = args[0];
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const textsDir = opt('--texts', '/work/shared/data/polnear/dev/text');
const minWords = Number(opt('--min-words', '200000'));
const minSeconds = Number(opt('--min-seconds', '3'));
const annDir = opt('--ann', null);

const files = fs.readdirSync(textsDir).filter((f) => f.endsWith('.txt')).sort();
const texts = files.map((f) => fs.readFileSync(path.join(textsDir, f), 'utf8'));
const countWords = (text) => {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
};
const corpusWords = texts.reduce((n, t) => n + countWords(t), 0);

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function measure(name, unit, run) {
  // Warm-up: two passes over the corpus let V8 optimize the hot code.
  for (let pass = 0; pass < 2; pass++) for (const t of texts) run(t);
  let words = 0, docs = 0, units = 0;
  const cpu0 = cpuSeconds();
  const wall0 = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - wall0) / 1e9;
  while (words < minWords || elapsed() < minSeconds) {
    for (const t of texts) {
      units += run(t);
      docs++;
    }
    words += corpusWords;
  }
  const wall = elapsed();
  const cpu = cpuSeconds() - cpu0;
  console.log(['RESULT', name, (words / cpu).toFixed(0), 'words/s', words, 'words', cpu.toFixed(3), 'cpu-s', wall.toFixed(3), 'wall-s', docs, 'docs', units, unit].join('\t'));
}

/** Finds compromise's quotation in the original text: its offsets drift from the original on some inputs, so search near them. */
function locate(text, quote) {
  const body = quote.text.trim();
  if (body.length === 0) return null;
  const from = Math.max(0, quote.offset.start - 200);
  let at = text.indexOf(body, from);
  if (at < 0) at = text.indexOf(body);
  return at < 0 ? null : [at, at + body.length];
}

async function main() {
  console.log(`# corpus ${textsDir}: ${texts.length} texts, ${corpusWords} words; node ${process.version}`);
  if (tool === 'compromise') {
    const nlp = (await import('compromise')).default;
    if (annDir) {
      fs.mkdirSync(annDir, { recursive: true });
      files.forEach((file, k) => {
        const text = texts[k];
        const lines = [];
        let n = 0;
        for (const q of nlp(text).quotations().json({ offset: true, terms: false })) {
          const span = locate(text, q);
          if (!span) continue;
          n++;
          lines.push(`T${n}\tContent ${span[0]} ${span[1]}\t${text.slice(span[0], span[1]).replace(/\n/g, ' ')}`);
          lines.push(`E${n}\tAttribution:T${n} Content:T${n}`);
        }
        fs.writeFileSync(path.join(annDir, file.replace(/\.txt$/, '.ann')), lines.join('\n') + (lines.length ? '\n' : ''));
      });
    }
    measure('compromise quotations()', 'quotes', (t) => nlp(t).quotations().json({ offset: true, terms: false }).length);
  } else if (tool === 'wink') {
    const winkNLP = (await import('wink-nlp')).default;
    const model = (await import('wink-eng-lite-web-model')).default;
    const nlp = winkNLP(model);
    const its = nlp.its;
    measure('wink-nlp tokens+sentences', 'tokens', (t) => {
      const doc = nlp.readDoc(t);
      doc.sentences().out(its.span);
      return doc.tokens().out().length;
    });
  } else if (tool === 'read') {
    // The floor for JavaScript: read the bytes from disk and scan them for words, nothing else.
    let words = 0, docs = 0;
    const cpu0 = cpuSeconds();
    const wall0 = process.hrtime.bigint();
    while (words < minWords * 10 || Number(process.hrtime.bigint() - wall0) / 1e9 < minSeconds) {
      for (const f of files) {
        words += countWords(fs.readFileSync(path.join(textsDir, f), 'utf8'));
        docs++;
      }
    }
    const cpu = cpuSeconds() - cpu0;
    const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
    console.log(['RESULT', 'node read+scan (readFileSync + word count)', (words / cpu).toFixed(0), 'words/s', words, 'words', cpu.toFixed(3), 'cpu-s', wall.toFixed(3), 'wall-s', docs, 'docs', words, 'words'].join('\t'));
  } else {
    console.error('usage: node peers.mjs compromise|wink|read [--texts DIR] [--min-words N] [--min-seconds S] [--ann DIR]');
    process.exit(2);
  }
  console.log(['PEAK', (process.resourceUsage().maxRSS / 1024).toFixed(1), 'MiB'].join('\t'));
}

await main();
