/**
 * The bundle's entry: it only registers the elements. It exports nothing on purpose, so the ES
 * module Vite writes has no top-level import or export and also runs as the classic script that
 * Lightning's `loadScript` evaluates (see README, "One file, two formats").
 */
import './components/attain-earnings.js';
import './components/attain-sync-console.js';
import './components/attain-field-mapper.js';
