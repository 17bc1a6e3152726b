import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blackOrWhite, contrast, luminance, normalColour, ratioText, shiftUntil } from '../../src/shared/colour.ts';

describe('colours and WCAG 2.x contrast', () => {
  it('computes relative luminance and contrast as WCAG defines them', () => {
    assert.equal(luminance('#000'), 0);
    assert.equal(luminance('#ffffff'), 1);
    assert.equal(contrast('#000000', '#fff'), 21);
    assert.equal(contrast('#777', '#777'), 1);
    // Reference values: #767676 is the lightest grey with 4.5:1 on white.
    assert.ok(contrast('#767676', '#ffffff') >= 4.5);
    assert.ok(contrast('#777777', '#ffffff') < 4.5);
    assert.equal(contrast('#0b5cad', '#fff'), contrast('#fff', '#0b5cad'));
  });

  it('writes ratios rounded down, so a failing one never reads 4.5:1', () => {
    assert.equal(ratioText(4.4999), '4.4:1');
    assert.equal(ratioText(21), '21.0:1');
  });

  it('picks white or black text for a background, whichever contrasts more', () => {
    assert.equal(blackOrWhite('#6b21a8'), '#ffffff');
    assert.equal(blackOrWhite('#fde68a'), '#000000');
  });

  it('finds the nearest darker or lighter colour of the same hue that passes', () => {
    const onWhite = (c: string) => contrast(c, '#ffffff') >= 4.5;
    const darker = shiftUntil('#7dd3fc', 'darker', onWhite);
    assert.ok(onWhite(darker));
    assert.ok(luminance(darker) < luminance('#7dd3fc'));
    assert.equal(darker, '#047bb3');
    assert.equal(shiftUntil('#ffffff', 'lighter', onWhite), '#ffffff', 'ends at white when nothing lighter passes');
    assert.equal(normalColour('#ABC'), '#aabbcc');
  });
});
