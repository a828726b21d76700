import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { createImportWorkerClient } from './import-worker-client';
import { inProcessWorker } from './in-process-worker';

const fakeWorker = () => inProcessWorker();

const csv = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

function xlsx(): ArrayBuffer {
  const x = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  const ns = 'http://schemas.openxmlformats.org';
  const cell = (ref: string, v: string | number, style?: number) =>
    typeof v === 'string' ? `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>` : `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  const sheet = (rows: string) => x(`<worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
  const files = {
    '[Content_Types].xml': x(
      `<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': x(`<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': x(
      `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Sales" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': x(
      `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': x(`<styleSheet xmlns="${ns}/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`),
    'xl/worksheets/sheet1.xml': sheet(`<row r="1">${cell('A1', 'Read me')}</row>`),
    'xl/worksheets/sheet2.xml': sheet(
      `<row r="1">${cell('A1', 'SKU')}${cell('B1', 'Order date')}${cell('C1', 'Qty')}${cell('D1', 'Order no')}</row>` +
        `<row r="2">${cell('A2', '00123')}${cell('B2', 45299, 1)}${cell('C2', 3)}${cell('D2', 'SO-1')}</row>` +
        `<row r="4">${cell('A4', 5012345678900)}${cell('B4', 45300.5, 1)}${cell('C4', 1.5)}${cell('D4', 'SO-2')}</row>`,
    ),
  };
  const z = zipSync(files);
  return z.buffer.slice(z.byteOffset, z.byteOffset + z.byteLength) as ArrayBuffer;
}

describe('import worker client + session', () => {
  it('loads a CSV with progress, answers requests by id, and re-reads on a delimiter change', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    const progress: number[] = [];
    const res = await client.load(csv('productId;stockOnHand\nABC-001;40\nABC-002;x\n'), 'products', undefined, (p) => progress.push(p));
    expect(res.summary.delimiter).toBe(';');
    expect(res.validation).toMatchObject({ total: 2, valid: 1, withErrors: 1 });
    expect(res.mapping).toMatchObject({ productId: 0, stockOnHand: 1 });
    expect(res.decisions.numberFormat.decimal).toBe('.');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toBe(1);

    const [rows, edit] = await Promise.all([client.getRows({ offset: 0, limit: 10, filter: 'errors' }), client.setCell(1, 'stockOnHand', '5')]);
    expect(rows.total).toBe(1);
    expect(edit.summary.withErrors).toBe(0);

    const reread = await client.setOptions({ delimiter: ',' });
    expect(reread.summary.delimiter).toBe(',');
    expect(reread.summary.columns).toHaveLength(1);
    const back = await client.setOptions({ delimiter: ';' });
    expect(back.summary.columns).toHaveLength(2);

    const plan = await client.planPush();
    expect(plan.rowsToSend).toBe(1);
    expect((await client.getPushBatch(0))[0]!.values).toEqual({ productId: 'ABC-001', stockOnHand: 40 });
    await expect(client.getPushBatch(5)).rejects.toThrow(/no batch 5/);
    client.dispose();
    await expect(client.getRows({ offset: 0, limit: 1 })).rejects.toThrow(/stopped/);
  });

  it('keeps the mapping when re-reading with the same columns, and changes reading options without re-reading', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    await client.load(csv('sku,name,when,qty\nA,x,03/04/2024,1\nB,y,04/05/2024,2\n'), 'sales-orders');
    await client.setMapping({ productId: 1, orderDate: 2, quantity: 3 });
    const state = await client.getState();
    expect(state.decisions.dateColumns[0]).toMatchObject({ status: 'ambiguous', order: null });
    expect(state.validation.withErrors).toBe(2);
    const decided = await client.setOptions({ dateOrders: { 2: 'dmy' } });
    expect(decided.validation.withErrors).toBe(0);
    expect(decided.mapping.productId).toBe(1);
    const reread = await client.setOptions({ encoding: 'windows-1252' });
    expect(reread.mapping.productId).toBe(1);
    expect(reread.options).toMatchObject({ dateOrders: { 2: 'dmy' }, encoding: 'windows-1252' });
    expect(reread.validation.withErrors).toBe(0);
  });

  it('reads an XLSX: date cells arrive as dates, sheets are offered, row numbers follow the sheet', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    const res = await client.load(xlsx(), 'sales-orders', { sheet: 'Sales' });
    expect(res.summary).toMatchObject({ format: 'xlsx', sheetNames: ['Notes', 'Sales'], sheet: 'Sales', delimiter: null, rowCount: 2 });
    expect(res.mapping).toMatchObject({ productId: 0, orderDate: 1, quantity: 2, orderNumber: 3 });
    const rows = (await client.getRows({ offset: 0, limit: 10 })).rows;
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(rows[0]!.cells.productId!.value).toBe('00123');
    expect(rows[0]!.cells.orderDate!.value).toBe('2024-01-08T00:00:00');
    expect(rows[1]!.cells.productId!.value).toBe('5012345678900');
    expect(rows[1]!.cells.orderDate!.value).toBe('2024-01-09T12:00:00');
    expect(rows[1]!.cells.quantity!.value).toBe(1.5);
    const notes = await client.setOptions({ sheet: 'Notes' });
    expect(notes.summary.sheet).toBe('Notes');
    // Without a choice, the sheet whose header names the fields is used, not the notes in front.
    const first = await client.load(xlsx(), 'sales-orders');
    expect(first.summary.sheet).toBe('Sales');
  });

  it('explains files it cannot read', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]).buffer;
    await expect(client.load(xls, 'products')).rejects.toThrow(/old Excel \.xls file/);
    await expect(client.getRows({ offset: 0, limit: 1 })).rejects.toThrow(/No file is loaded/);
  });

  it('reads numbers in a date column as Excel date serials only after setOptions asks for that column', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    const res = await client.load(csv('orderNumber,productId,orderDate,quantity\n1,A,45292,1\n'), 'sales-orders');
    expect(res.validation.withErrors).toBe(1);
    expect(res.decisions.dateColumns[0]!.serials).toMatchObject({ count: 1, read: false, examples: [{ raw: '45292', asDate: '2024-01-01T00:00:00' }] });
    const after = await client.setOptions({ dateSerials: { 2: true } });
    expect(after.validation).toMatchObject({ valid: 1, withErrors: 0 });
    expect((await client.getRows({ offset: 0, limit: 1 })).rows[0]!.cells.orderDate!.value).toBe('2024-01-01T00:00:00');
  });

  it('an empty file (no bytes, or only blank lines) fails with "The file is empty"', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    await expect(client.load(new File([new ArrayBuffer(0)], 'empty.csv'), 'products')).rejects.toThrow(/^The file is empty/);
    await expect(client.load(new File([csv('\r\n\n  \n')], 'blank.csv'), 'products')).rejects.toThrow(/^The file is empty/);
    await expect(client.load(new File([csv('\uFEFF\n')], 'bom.csv'), 'products')).rejects.toThrow(/^The file is empty/);
    await expect(client.load(new File([new ArrayBuffer(0)], 'empty.xlsx'), 'products')).rejects.toThrow(/^The file is empty/);
  });

  it('a binary file renamed .csv is refused as not a text spreadsheet, not shown with a garbage header', async () => {
    const client = createImportWorkerClient({ worker: fakeWorker() });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    await expect(client.load(new File([png.buffer], 'photo.csv'), 'products')).rejects.toThrow(/is not a text spreadsheet.*save it as CSV or XLSX/);
    const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x41 : (i % 20) + 1));
    await expect(client.load(new File([controls.buffer], 'data.csv'), 'products')).rejects.toThrow(/is not a text spreadsheet/);
    // A UTF-16 file has NUL bytes but decodes to text: it still loads.
    const utf16 = new Uint8Array([...'productId\nA\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect((await client.load(new File([utf16.buffer], 'u16.csv'), 'products')).summary.rowCount).toBe(1);
  });
});
