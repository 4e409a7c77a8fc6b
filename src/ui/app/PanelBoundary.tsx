import { Component, type ErrorInfo, type ReactNode } from 'react';

interface PanelBoundaryProps {
  readonly name: string;
  readonly children: ReactNode;
}

/** A bug in one panel shows a message in that panel instead of blanking the page; the model itself is kept. */
export class PanelBoundary extends Component<PanelBoundaryProps, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} panel failed`, error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card panel-error" role="alert">
        <p>
          The {this.props.name} panel hit a problem: {this.state.error.message}. Your model and settings are kept in this browser.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
