import { describe, expect, it } from 'vitest';
import { actionLabel, editShortcut, isMacPlatform, isTextEntry } from './edit-shortcuts';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('undo and redo keys', () => {
  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo on Windows and Linux', () => {
    expect(editShortcut(key('z', { ctrl: true }), false)).toBe('undo');
    expect(editShortcut(key('Z', { ctrl: true, shift: true }), false)).toBe('redo');
    expect(editShortcut(key('y', { ctrl: true }), false)).toBe('redo');
  });

  it('Cmd+Z undoes and Cmd+Shift+Z redoes on a Mac; Ctrl there, and Cmd+Y, do nothing', () => {
    expect(editShortcut(key('z', { meta: true }), true)).toBe('undo');
    expect(editShortcut(key('z', { meta: true, shift: true }), true)).toBe('redo');
    expect(editShortcut(key('z', { ctrl: true }), true)).toBeNull();
    expect(editShortcut(key('y', { meta: true }), true)).toBeNull();
  });

  it('ignores plain keys, other letters, Alt combinations and the wrong modifier', () => {
    expect(editShortcut(key('z'), false)).toBeNull();
    expect(editShortcut(key('x', { ctrl: true }), false)).toBeNull();
    expect(editShortcut(key('z', { ctrl: true, alt: true }), false)).toBeNull();
    expect(editShortcut(key('z', { meta: true }), false)).toBeNull();
    expect(editShortcut(key('z', { ctrl: true, meta: true }), false)).toBeNull();
    expect(editShortcut(key('y', { ctrl: true, shift: true }), false)).toBeNull();
  });

  it('leaves the keys to text fields, where they undo typing', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'input' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('takes them on buttons, checkboxes and the page itself', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry({ tagName: 'BODY' })).toBe(false);
    expect(isTextEntry({ tagName: 'SELECT' })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });

  it('knows a Mac by its platform, or by its user agent where the platform is not given', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ platform: 'Win32' })).toBe(false);
    expect(isMacPlatform({ platform: 'Linux x86_64', userAgent: 'Mac OS X' })).toBe(false);
    expect(isMacPlatform({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' })).toBe(true);
    expect(isMacPlatform(undefined)).toBe(false);
  });
});

describe('undo and redo labels', () => {
  it('names the edit once, whether or not the worker\'s label starts with the verb', () => {
    expect(actionLabel('Undo', 'Undo fill of 37 empty Location code cells')).toBe('Undo fill of 37 empty Location code cells');
    expect(actionLabel('Undo', 'Fill of 37 empty Location code cells')).toBe('Undo fill of 37 empty Location code cells');
    expect(actionLabel('Redo', 'delete 3 rows')).toBe('Redo delete 3 rows');
    expect(actionLabel('Redo', null)).toBe('Redo');
  });
});
