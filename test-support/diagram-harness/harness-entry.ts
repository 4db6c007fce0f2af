// The diagram page bundle plus the geometry reader, for the diagram browser tests and benchmarks.
import '../../components/diagram/diagram-page-entry';
import { collectGeometry } from './collect-geometry';

(globalThis as unknown as { collectGeometry: typeof collectGeometry }).collectGeometry = collectGeometry;
