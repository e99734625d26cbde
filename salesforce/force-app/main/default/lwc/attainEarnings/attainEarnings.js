import { AttainWidgetHost, HostState } from 'c/attainHost';
import { api, LightningElement } from 'lwc';

/**
 * Shows the Attain widget's <attain-earnings>: a rep's commissions and statements, and for a
 * manager the team's. On a record page, the record (for example an Opportunity or a User) is passed
 * to the widget as `recordId` and `objectApiName`, so it can narrow what it shows to that record.
 */
export default class AttainEarnings extends LightningElement {
  isLoading = true;
  errorMessage;
  host = new AttainWidgetHost(this, 'attain-earnings', (status) => this.applyStatus(status));

  @api
  get recordId() {
    return this.host.properties.recordId;
  }
  set recordId(value) {
    this.host.setProperty('recordId', value);
  }

  @api
  get objectApiName() {
    return this.host.properties.objectApiName;
  }
  set objectApiName(value) {
    this.host.setProperty('objectApiName', value);
  }

  connectedCallback() {
    this.host.connected();
  }

  renderedCallback() {
    this.host.rendered();
  }

  disconnectedCallback() {
    this.host.disconnected();
  }

  handleRetry() {
    this.host.restart();
  }

  applyStatus({ state, message }) {
    this.isLoading = state === HostState.loading;
    this.errorMessage = state === HostState.error ? message : undefined;
  }
}
