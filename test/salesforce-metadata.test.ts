/**
 * Static checks of the SFDX package in salesforce/force-app. No org is involved: this file reads the
 * source. It catches what would otherwise only fail at `sf project deploy start`: malformed XML,
 * wrong root elements, references to classes, fields, tabs, components or static resources that
 * don't exist, and LWC imports that don't resolve. The Apex tests themselves run in an org
 * (`sf apex run test --class-names AttainTokenServiceTest`); the checks of the token service and of
 * the Lightning Web Security detection are in salesforce-token.test.ts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  API_VERSION,
  at,
  fieldFile,
  files,
  kindOf,
  list,
  METADATA_NAMESPACE,
  metaFiles,
  orderedParser,
  read,
  rel,
  text,
  valueText,
  type Xml,
} from './support/salesforce-source.js';
import { TAB_MOTIFS } from './support/tab-motifs.js';

describe('every *-meta.xml in salesforce/force-app', () => {
  it('finds the package files', () => {
    expect(metaFiles.length).toBeGreaterThan(30);
  });

  it.each(metaFiles.map((file) => [rel(file), file]))(
    '%s is well-formed, has the right root, namespace, apiVersion and element order',
    (_name, file) => {
      const kind = kindOf(file);
      expect(kind, 'a known metadata kind: add it to KINDS with its root element').toBeDefined();
      const xml = text(file);
      expect(XMLValidator.validate(xml)).toBe(true);

      const nodes = orderedParser.parse(xml) as Xml[];
      const roots = nodes.filter((node) => !('?xml' in node));
      expect(roots).toHaveLength(1);
      const root = roots[0]!;
      expect(Object.keys(root).filter((key) => key !== ':@')).toEqual([kind!.root]);
      expect((root[':@'] as Xml | undefined)?.['@_xmlns']).toBe(METADATA_NAMESPACE);

      const body = read(file);
      if (kind!.apiVersion) expect(body.apiVersion).toBe(API_VERSION);

      // The Metadata API orders elements alphabetically (fullName first), so out-of-order source is a
      // sign of a misspelled or misplaced element.
      const children = (root[kind!.root] as Xml[]).flatMap((node) => Object.keys(node).filter((key) => key !== ':@'));
      const names = children.filter((name, index) => name !== '#text' && children.indexOf(name) === index);
      const rest = names[0] === 'fullName' ? names.slice(1) : names;
      const sorted = [...rest].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
      expect(rest).toEqual(sorted);
    },
  );
});

describe('Apex classes', () => {
  const classes = files.filter((file) => file.endsWith('.cls'));
  const className = (file: string) => basename(file, '.cls');

  /** Apex source without comments and string literals, so braces and keywords can be counted. */
  function code(file: string) {
    // One pass, so '//' inside a string ('https://…') is not taken for a comment, nor a quote in a comment for a string.
    return text(file).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, (token) =>
      token.startsWith("'") ? "''" : '',
    );
  }

  it.each(classes.map((file) => [className(file), file]))(
    '%s: declares its class, balances, has its meta',
    (name, file) => {
      const body = code(file);
      expect(body.match(/\bclass\s+(\w+)/)?.[1]).toBe(name);
      expect(body.split('{').length).toBe(body.split('}').length);
      expect(body.split('(').length).toBe(body.split(')').length);
      expect(existsSync(`${file}-meta.xml`)).toBe(true);
    },
  );

  it('has a class for every .cls-meta.xml', () => {
    for (const meta of metaFiles.filter((file) => file.endsWith('.cls-meta.xml'))) {
      expect(existsSync(meta.replace(/-meta\.xml$/, '')), rel(meta)).toBe(true);
    }
  });
});

describe('Lightning web components', () => {
  const bundles = readdirSync(at('lwc')).filter((name) => statSync(at('lwc', name)).isDirectory());
  const PLATFORM_MODULES = new Set(['lwc', 'lightning/platformResourceLoader']);
  const EXPECTED_TARGETS = ['lightning__AppPage', 'lightning__HomePage', 'lightning__RecordPage', 'lightning__Tab'];
  const importsOf = (js: string) =>
    [...js.matchAll(/^import\s+(?:([\s\S]*?)\s+from\s+)?'([^']+)';/gm)].map((match) => ({
      names: match[1] ?? '',
      specifier: match[2]!,
    }));

  it('has the host service and the three wrappers', () => {
    expect(bundles.sort()).toEqual(['attainEarnings', 'attainFieldMapper', 'attainHost', 'attainSyncConsole']);
  });

  it.each(bundles)('%s imports only modules that exist', (bundle) => {
    const jsPath = at('lwc', bundle, `${bundle}.js`);
    expect(existsSync(jsPath)).toBe(true);
    const imports = importsOf(text(jsPath));
    expect(imports.length).toBeGreaterThan(0);
    for (const { names, specifier } of imports) {
      if (PLATFORM_MODULES.has(specifier)) continue;
      const apex = specifier.match(/^@salesforce\/apex\/(\w+)\.(\w+)$/);
      const resource = specifier.match(/^@salesforce\/resourceUrl\/(\w+)$/);
      const component = specifier.match(/^c\/(\w+)$/);
      const sibling = specifier.match(/^\.\/(\w+)$/);
      if (apex) {
        const classFile = at('classes', `${apex[1]}.cls`);
        expect(existsSync(classFile), specifier).toBe(true);
        const method = new RegExp(
          `@AuraEnabled(\\([^)]*\\))?\\s+(public|global)\\s+static\\s+\\w+\\s+${apex[2]}\\s*\\(`,
        );
        expect(text(classFile), `${specifier} is an @AuraEnabled static method`).toMatch(method);
      } else if (resource) {
        expect(existsSync(at('staticresources', `${resource[1]}.resource-meta.xml`)), specifier).toBe(true);
      } else if (component) {
        const target = at('lwc', component[1]!, `${component[1]}.js`);
        expect(existsSync(target), specifier).toBe(true);
        const exported = text(target);
        for (const name of names
          .replace(/[{}]/g, '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)) {
          expect(exported, `${specifier} exports ${name}`).toMatch(
            new RegExp(`export (const|class|function) ${name}\\b`),
          );
        }
      } else if (sibling) {
        // A module file inside the same bundle (LWC resolves './name' to name.js next to the importer).
        const target = at('lwc', bundle, `${sibling[1]}.js`);
        expect(existsSync(target), specifier).toBe(true);
        for (const name of names
          .replace(/[{}]/g, '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)) {
          expect(text(target), `${specifier} exports ${name}`).toMatch(
            new RegExp(`export (const|class|function) ${name}\\b`),
          );
        }
      } else {
        expect.fail(`${bundle} imports ${specifier}, which is neither in the package nor a known platform module`);
      }
    }
  });

  it.each(bundles.filter((bundle) => bundle !== 'attainHost'))(
    '%s is exposed on app, home, record pages and tabs, and its template has what the host needs',
    (bundle) => {
      const meta = read(at('lwc', bundle, `${bundle}.js-meta.xml`));
      expect(meta.isExposed).toBe('true');
      expect(((meta.targets as Xml).target as string[]).slice().sort()).toEqual(EXPECTED_TARGETS);

      const html = text(at('lwc', bundle, `${bundle}.html`)).trim();
      expect(html.startsWith('<template>') && html.endsWith('</template>')).toBe(true);
      expect(html.split('<template').length).toBe(html.split('</template>').length);
      expect(html).toMatch(/<div class="attain-widget" lwc:dom="manual"><\/div>/);
      expect(html).toContain('<lightning-spinner');
      expect(html).toContain('slds-alert_error');

      const js = text(at('lwc', bundle, `${bundle}.js`));
      for (const [, name] of html.matchAll(/\{(\w+)\}/g)) {
        expect(js, `${bundle}.html uses {${name}}`).toMatch(new RegExp(`(^|\\s)${name}(\\s*[=;(]|$)`, 'm'));
      }
      expect(js).toMatch(/new AttainWidgetHost\(this, 'attain-[a-z-]+'/);
    },
  );

  it('the host loads attain-widget.js from the attain_widget resource and refreshes tokens at 80% of their life', () => {
    const host = text(at('lwc/attainHost/attainHost.js'));
    expect(host).toContain("export const WIDGET_PATH = '/attain-widget.js';");
    expect(host).toContain('loadScript(this.component, ATTAIN_WIDGET + WIDGET_PATH)');
    expect(host).toContain('export const REFRESH_AT_FRACTION = 0.8;');
    expect(host).toContain("export const CONTAINER_SELECTOR = '.attain-widget';");
    expect(host).toMatch(/element\.token = grant\.token;/);
    expect(host).toMatch(/disconnected\(\) \{[\s\S]*?this\.stop\(\);/);
    expect(host).toMatch(/stop\(\) \{[\s\S]*?clearTimeout\(this\.timer\);/);
    expect(read(at('lwc/attainHost/attainHost.js-meta.xml')).isExposed).toBe('false');
  });

  it('the host shows the Apex refusal (body.message), so the certificate advice reaches the user', () => {
    const host = text(at('lwc/attainHost/attainHost.js'));
    expect(host).toMatch(/if \(body && typeof body\.message === 'string' && body\.message\) return body\.message;/);
    expect(host).toMatch(/this\.report\(HostState\.error, describeError\(error\)\)/);
  });

  it('the host checks for Lightning Web Security before loadScript, and says so instead of blaming the resource', () => {
    const host = text(at('lwc/attainHost/attainHost.js'));
    expect(host).toContain("import { lightningWebSecurityProblem } from './lightningSecurity';");
    const loadBundle = host.slice(host.indexOf('async loadBundle() {'));
    const check = loadBundle.indexOf('const sandboxProblem = lightningWebSecurityProblem(window);');
    const thrown = loadBundle.indexOf('if (sandboxProblem) throw new HostError(sandboxProblem);');
    const load = loadBundle.indexOf('await loadScript(');
    expect(check).toBeGreaterThan(-1);
    expect(thrown).toBeGreaterThan(check);
    expect(load).toBeGreaterThan(thrown);
  });
});

describe('references between metadata', () => {
  const permissionSets = metaFiles.filter((file) => file.endsWith('.permissionset-meta.xml'));

  it.each(permissionSets.map((file) => [basename(file), file]))(
    '%s points only at things that exist',
    (_name, file) => {
      const set = read(file);
      for (const access of list(set, 'classAccesses')) {
        expect(existsSync(at('classes', `${access.apexClass}.cls`)), String(access.apexClass)).toBe(true);
      }
      for (const permission of list(set, 'fieldPermissions')) {
        const [object = '', field = ''] = String(permission.field).split('.');
        expect(existsSync(fieldFile(object, field)), String(permission.field)).toBe(true);
      }
      for (const permission of list(set, 'objectPermissions')) {
        expect(existsSync(at('objects', String(permission.object))), String(permission.object)).toBe(true);
      }
      for (const setting of list(set, 'tabSettings')) {
        expect(existsSync(at('tabs', `${setting.tab}.tab-meta.xml`)), String(setting.tab)).toBe(true);
      }
    },
  );

  it.each(permissionSets.map((file) => [basename(file), file]))(
    '%s grants the token service and the earnings tab, and nothing on the protected settings',
    (_name, file) => {
      const set = read(file);
      expect(list(set, 'classAccesses').map((access) => [access.apexClass, access.enabled])).toContainEqual([
        'AttainTokenService',
        'true',
      ]);
      expect(list(set, 'tabSettings').map((setting) => [setting.tab, setting.visibility])).toContainEqual([
        'Attain_Earnings',
        'Visible',
      ]);
      expect(set.customMetadataTypeAccesses).toBeUndefined();
      expect(list(set, 'objectPermissions').map((permission) => permission.object)).not.toContain(
        'Attain_Setting__mdt',
      );
    },
  );

  it('Attain_Setting__mdt is public (no namespace: Protected protects nothing and production refuses it), with 255-character text fields the record fills with placeholders', () => {
    expect(read(at('objects/Attain_Setting__mdt/Attain_Setting__mdt.object-meta.xml')).visibility).toBe('Public');
    const fields = readdirSync(at('objects/Attain_Setting__mdt/fields')).map((name) => name.split('.')[0]);
    expect(fields.sort()).toEqual(['Api_Url__c', 'Certificate_Name__c']);
    for (const field of fields) {
      const definition = read(fieldFile('Attain_Setting__mdt', field));
      expect([definition.type, definition.length], field).toEqual(['Text', '255']);
    }
    for (const file of files.filter((path) => path.endsWith('.md-meta.xml'))) {
      const type = `${basename(file).split('.')[0]}__mdt`;
      const record = read(file);
      for (const value of list(record, 'values')) {
        expect(existsSync(fieldFile(type, String(value.field))), `${rel(file)}: ${value.field}`).toBe(true);
      }
    }
    const record = read(at('customMetadata/Attain_Setting.Default.md-meta.xml'));
    expect(record.protected).toBe('true');
    expect(list(record, 'values').map((value) => [value.field, valueText(value.value)])).toEqual([
      ['Api_Url__c', 'REPLACE_WITH_ATTAIN_API_URL'],
      ['Certificate_Name__c', 'REPLACE_WITH_CERTIFICATE_NAME'],
    ]);
  });

  it.each(files.filter((path) => path.endsWith('.tab-meta.xml')).map((file) => [rel(file), file]))(
    '%s uses a real Salesforce tab style',
    (_name, file) => {
      expect(TAB_MOTIFS).toContain(String(read(file).motif));
    },
  );

  it('the tab opens a FlexiPage that holds an exposed app-page component', () => {
    const tab = read(at('tabs/Attain_Earnings.tab-meta.xml'));
    const page = read(at('flexipages', `${tab.flexiPage}.flexipage-meta.xml`));
    expect(page.type).toBe('AppPage');
    const components = list(page, 'flexiPageRegions')
      .flatMap((region) => list(region, 'itemInstances'))
      .map((item) => String((item.componentInstance as Xml).componentName));
    expect(components).toEqual(['attainEarnings']);
    for (const component of components) {
      const meta = read(at('lwc', component, `${component}.js-meta.xml`));
      expect(meta.isExposed).toBe('true');
      expect((meta.targets as Xml).target).toContain('lightning__AppPage');
    }
  });

  it('the Attain API is a trusted connect-src origin for Lightning Experience only, and the widget resource is a zip folder', () => {
    const site = read(at('cspTrustedSites/Attain_API.cspTrustedSite-meta.xml'));
    expect(String(site.endpointUrl)).toMatch(/^https:\/\/[a-z0-9.-]+(:\d+)?$/);
    // The components run in Lightning Experience only: not in Experience Cloud sites or Visualforce.
    expect([site.context, site.isActive, site.isApplicableToConnectSrc]).toEqual(['LEX', 'true', 'true']);
    const sources = Object.keys(site).filter((key) => /^isApplicableTo\w+Src$/.test(key));
    expect(sources.filter((key) => site[key] === 'true')).toEqual(['isApplicableToConnectSrc']);
    const resource = read(at('staticresources/attain_widget.resource-meta.xml'));
    expect(resource.contentType).toBe('application/zip');
  });
});

describe('fields the sync worker writes exist in the object definitions', () => {
  it('Commission__c and Commission_Statement__c have every field the issue names, with its type', () => {
    const expected: Record<string, Record<string, string>> = {
      Commission__c: {
        External_Key__c: 'Text',
        Rep__c: 'Lookup:User',
        Opportunity__c: 'Lookup:Opportunity',
        Plan__c: 'Text',
        Period__c: 'Text',
        Component__c: 'Text',
        Kind__c: 'Text',
        Tier__c: 'Number',
        Base__c: 'Currency',
        Amount__c: 'Currency',
        Rate__c: 'Number',
        Explanation__c: 'LongTextArea',
      },
      Commission_Statement__c: {
        External_Key__c: 'Text',
        Rep__c: 'Lookup:User',
        Plan__c: 'Text',
        Period__c: 'Text',
        Quota__c: 'Currency',
        Credited__c: 'Currency',
        Attainment__c: 'Percent',
        Total__c: 'Currency',
        Calculated_At__c: 'DateTime',
        Status__c: 'Picklist',
      },
    };
    for (const [object, fields] of Object.entries(expected)) {
      for (const [field, type] of Object.entries(fields)) {
        const path = fieldFile(object, field);
        expect(existsSync(path), `${object}.${field}`).toBe(true);
        const definition = read(path);
        const actual =
          definition.type === 'Lookup' ? `Lookup:${(definition.referenceTo as string[])[0]}` : definition.type;
        expect(actual, `${object}.${field}`).toBe(type);
      }
      const key = read(fieldFile(object, 'External_Key__c'));
      expect([key.externalId, key.unique], `${object}.External_Key__c is the upsert key`).toEqual(['true', 'true']);
    }
  });
});
