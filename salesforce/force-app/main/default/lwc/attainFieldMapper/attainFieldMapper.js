import { AttainWidgetHost, HostState } from 'c/attainHost';
import { LightningElement } from 'lwc';

/** Shows the Attain widget's <attain-field-mapper>, the admin tool that maps Salesforce fields to the deal fields the Attain sync reads. The API decides from Salesforce data who may use it. */
export default class AttainFieldMapper extends LightningElement {
  isLoading = true;
  errorMessage;
  host = new AttainWidgetHost(this, 'attain-field-mapper', (status) => this.applyStatus(status));

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
