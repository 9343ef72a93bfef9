// @vitest-environment jsdom
/**
 * Dimension charts as SVG: well-formed XML, no inline styles (the content security policy forbids
 * them), every label and value present, and a text alternative with the same figures.
 */
import { describe, expect, it } from 'vitest';
import { barChartSvg, radarChartSvg, wrapLabel, type ChartInput } from '../../../../shared/charts';
import { estimateTextWidth } from '../../../../shared/charts/svg';

const input: ChartInput = {
  title: 'Scores by dimension',
  axes: [
    { id: 'LEG', label: 'Institutional legitimacy and external quality assurance' },
    { id: 'IQA', label: 'Internal quality assurance' },
    { id: 'DAT', label: 'Data protection & security <GDPR>' },
    { id: 'REC', label: 'Recognition' },
  ],
  series: [
    { name: 'Universidad de Ejemplo', values: [81.25, 75, 40, null] },
    { name: 'Tampere Test University', values: [77.08, 62.5, 100, 0] },
  ],
};

function parse(svg: string): Document {
  // The browser's own XML parser (jsdom here), as the renderer will parse the SVG.
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

const textOf = (document: Document) => [...document.getElementsByTagName('text')].map((node) => node.textContent ?? '').join(' ');

describe.each([
  ['bar chart', barChartSvg],
  ['radar chart', radarChartSvg],
])('%s', (_name, draw) => {
  it('given two series, when drawn, then the SVG is well-formed, styled by attributes only, and names every dimension and value', () => {
    const chart = draw({ ...input, palette: 'light' });
    const document = parse(chart.svg);
    expect(chart.svg).not.toMatch(/\sstyle=/);
    expect(document.documentElement.getAttribute('role')).toBe('img');
    expect(document.getElementsByTagName('title')[0]?.textContent).toBe('Scores by dimension');
    const words = textOf(document).replace(/…/g, '');
    for (const word of ['Institutional', 'Internal', 'Recognition', 'Universidad', 'Tampere']) expect(words).toContain(word);
    if (draw === barChartSvg) for (const value of ['81.3%', '75.0%', '40.0%', '—', '77.1%', '62.5%', '100.0%', '0.0%']) expect(words).toContain(value);
    // Special characters in labels are escaped, not markup.
    expect(chart.description).toContain('Data protection & security <GDPR> 40.0%');
  });

  it('gives a text alternative with the same figures as a table', () => {
    const chart = draw({ ...input, axisTitle: 'Dimensión', format: (v) => (v === null ? 'sin puntuación' : `${v.toFixed(1).replace('.', ',')} %`) });
    expect(chart.table.columns).toEqual(['Dimensión', 'Universidad de Ejemplo', 'Tampere Test University']);
    expect(chart.table.rows[0]).toEqual(['Institutional legitimacy and external quality assurance', '81,3 %', '77,1 %']);
    expect(chart.table.rows[3]).toEqual(['Recognition', 'sin puntuación', '0,0 %']);
    expect(chart.description).toContain('Universidad de Ejemplo: Institutional legitimacy and external quality assurance 81,3 %');
  });

  it('draws a dark variant on a transparent background with the dark palette', () => {
    const light = draw({ ...input, palette: 'light' });
    const dark = draw({ ...input, palette: 'dark' });
    parse(dark.svg);
    expect(light.svg).toContain('#ffffff');
    expect(dark.svg).not.toContain('fill="#ffffff"');
    expect(dark.svg).toContain('#6cb2f0');
  });

  it('refuses more than two series and values that do not match the axes', () => {
    expect(() => draw({ ...input, series: [...input.series, { name: 'Third', values: [1, 2, 3, 4] }] })).toThrow(RangeError);
    expect(() => draw({ ...input, series: [{ name: 'Short', values: [1] }] })).toThrow(RangeError);
  });
});

it('wraps long labels at spaces within the given lines, ending in an ellipsis when cut', () => {
  expect(wrapLabel('Institutional legitimacy and external quality assurance', 20, 2)).toEqual(['Institutional', 'legitimacy and…']);
  expect(wrapLabel('Short', 20, 2)).toEqual(['Short']);
});

describe('threshold labels', () => {
  it.each([
    ['es', 'Preparada', 'Preparada con condiciones'],
    ['de', 'Bereit', 'Bereit mit Auflagen'],
    ['en', 'Ready', 'Ready with conditions'],
  ])('never overlap, in %s, however close the thresholds', (_language, ready, conditional) => {
    for (const width of [470, 560, 640]) {
      const chart = barChartSvg({ ...input, width, thresholds: [{ value: 75, label: ready }, { value: 50, label: conditional }] });
      const document = parse(chart.svg);
      const labels = [...document.getElementsByTagName('text')]
        .filter((node) => node.textContent === ready || node.textContent === conditional)
        .map((node) => {
          const half = estimateTextWidth(node.textContent!, 10) / 2;
          const x = Number(node.getAttribute('x'));
          return { left: x - half, right: x + half, y: Number(node.getAttribute('y')) };
        });
      expect(labels).toHaveLength(2);
      const [a, b] = labels as [(typeof labels)[0], (typeof labels)[0]];
      const apart = a.y !== b.y || a.right <= b.left || b.right <= a.left;
      expect(apart, `${width} px: ${JSON.stringify(labels)}`).toBe(true);
      // Every label stays inside the picture.
      for (const label of labels) expect(label.y).toBeGreaterThan(0);
    }
  });
});
