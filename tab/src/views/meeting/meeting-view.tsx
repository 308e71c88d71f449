import { Page } from '../../components/page';
import { useApp } from '../../app-context';
import { SidePanel } from './side-panel';
import { StageView } from './stage-view';

/**
 * `/meeting?caseId=...`: the app in the panel's Teams meeting (issue 16). The one configurable tab serves
 * every meeting surface; teams-js says which frame this is: the shared stage (`meetingStage`) shows the
 * stage view, the side panel, the meeting chat tab and the details tab show the member's panel.
 * `?frame=stage` opens the stage view in a plain browser (local mode).
 */
export default function MeetingView() {
  const { host } = useApp();
  const params = new URLSearchParams(window.location.search);
  const caseId = params.get('caseId');
  if (!caseId)
    return (
      <Page title="Case review meeting">
        <p role="alert">
          This meeting is not linked to a case. The SPOC adds the app to the meeting from the case, or
          configures the tab again and chooses the case.
        </p>
      </Page>
    );
  const stage = host?.frameContext === 'meetingStage' || params.get('frame') === 'stage';
  return stage ? <StageView caseId={caseId} /> : <SidePanel caseId={caseId} />;
}
