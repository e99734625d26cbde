import { AttainWidgetHost, HostState } from 'c/attainHost';
import { LightningElement } from 'lwc';

/** Shows the Attain widget's <attain-sync-console>, the revenue-operations view of sync and calculation status. The API decides from Salesforce data who may use it. */
export default class AttainSyncConsole extends LightningElement {
  isLoading = true;
  errorMessage;
  host = new AttainWidgetHost(this, 'attain-sync-console', (status) => this.applyStatus(status));

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
