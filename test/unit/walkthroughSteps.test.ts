import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID } from '../../src/extension/api';
import { stepsCompletedBy } from '../../src/extension/walkthrough/steps';

// The manifest as shipped: the ticks the extension makes itself follow its completion events.
const manifest: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const step = (id: string) => `${EXTENSION_ID}#gettingStarted#${id}`;

describe('walkthrough steps completed by an event', () => {
  it('names each step by its full id, for each command and key of the manifest', () => {
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.startSandbox'), [step('trySandbox')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onContext:keccel.sandbox'), [step('trySandbox')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onContext:keccel.walkthrough.sent'), [step('sendFirstSms')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onContext:keccel.walkthrough.deliveryReport'), [step('delivery')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onContext:keccel.walkthrough.appMessage'), [step('connectApp')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.sendOtp'), [step('otp')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.checkSmsTexts'), [step('smsTexts')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.setToken'), [step('goLive')]);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.addAccount'), [step('goLive')]);
  });

  it('ticks nothing for another command, a prefix of one, or a manifest without walkthroughs', () => {
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.validateOtp'), []);
    assert.deepEqual(stepsCompletedBy(manifest, EXTENSION_ID, 'onCommand:keccel.send'), []);
    assert.deepEqual(stepsCompletedBy({ contributes: {} }, EXTENSION_ID, 'onCommand:keccel.sendOtp'), []);
    assert.deepEqual(stepsCompletedBy(undefined, EXTENSION_ID, 'onCommand:keccel.sendOtp'), []);
  });
});
