<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ko">
  <context>
    <name>anbu</name>
    <message>
      <source>안건 저장</source>
      <translation>Save the agenda</translation>
    </message>
    <message>
      <source>취소</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>시민 위원이 읽는 글입니다: 이름·연락처·자세한 주소는 쓰지 마십시오. 민감 정보(자살위험, 건강)는 표시한 안건에만 실립니다.</source>
      <translation>Citizen members read this: write no names, numbers or exact addresses. Sensitive details (suicide risk, health) are printed only on the items marked.</translation>
    </message>
    <message>
      <source>민감 정보를 싣기 (이 안건에 꼭 필요할 때만)</source>
      <translation>Print its sensitive details (only when this item needs them)</translation>
    </message>
    <message>
      <source>상황</source>
      <translation>Situation</translation>
    </message>
    <message>
      <source>협의체에 요청</source>
      <translation>Ask of the council</translation>
    </message>
    <message>
      <source>협의체 안건 — {0} 회의</source>
      <translation>Council agenda — meeting of {0}</translation>
    </message>
    <message>
      <source>이 회의의 안건과 협의체 안건으로 올린 사례가 없습니다.</source>
      <translation>This meeting has no items and no case is flagged for the council.</translation>
    </message>
    <message>
      <source>이 안건에는 민감 정보가 없습니다</source>
      <translation>This item holds no sensitive details</translation>
    </message>
    <message>
      <source>안건을 저장하지 못했습니다</source>
      <translation>The agenda could not be saved</translation>
    </message>
    <message>
      <source>안부데스크</source>
      <translation>Anbu Desk</translation>
    </message>
    <message>
      <source>사례를 고르십시오</source>
      <translation>Choose a case</translation>
    </message>
    <message>
      <source>Enter 또는 두 번 누르면 받은 그대로의 원본 기록을 봅니다</source>
      <translation>Enter or double-click shows the original record as received</translation>
    </message>
    <message>
      <source>알림 타임라인</source>
      <translation>Alert timeline</translation>
    </message>
    <message>
      <source>상담</source>
      <translation>Counselling</translation>
    </message>
    <message>
      <source>지원 연계</source>
      <translation>Support</translation>
    </message>
    <message>
      <source>상태 이력</source>
      <translation>Status history</translation>
    </message>
    <message>
      <source>연결·병합·분리 결정: 하나를 골라 '결정 되돌리기'(Ctrl+Shift+Z)로 되돌립니다</source>
      <translation>Link, merge and split decisions: pick one and undo it with 'Undo decision' (Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <source>연결 결정</source>
      <translation>Link decisions</translation>
    </message>
    <message>
      <source>개인정보 보기</source>
      <translation>Show personal data</translation>
    </message>
    <message>
      <source>가려진 이름·연락처를 펼쳐 봅니다 (Ctrl+Shift+R). 접속기록에 남습니다.</source>
      <translation>Shows the masked names and numbers (Ctrl+Shift+R). Recorded in the access log.</translation>
    </message>
    <message>
      <source>다른 직원이 이 사례를 바꾸었습니다.</source>
      <translation>Another member of staff changed this case.</translation>
    </message>
    <message>
      <source>다시 불러오기</source>
      <translation>Reload</translation>
    </message>
    <message>
      <source>(가구원 정보 없음)</source>
      <translation>(no household members recorded)</translation>
    </message>
    <message>
      <source>담당자를 바꿨습니다</source>
      <translation>Caseworker changed</translation>
    </message>
    <message>
      <source>상담 기록을 저장했습니다</source>
      <translation>Counselling record saved</translation>
    </message>
    <message>
      <source>지원 연계를 기록했습니다</source>
      <translation>Support referral recorded</translation>
    </message>
    <message>
      <source>안부 살핌 우편 대상으로 정했습니다</source>
      <translation>Added to the postal carriers' visits</translation>
    </message>
    <message>
      <source>관할을 확인했습니다</source>
      <translation>Territory confirmed</translation>
    </message>
    <message>
      <source>관할 확인</source>
      <translation>Confirm territory</translation>
    </message>
    <message>
      <source>다른 센터로 이관했습니다</source>
      <translation>Transferred to another centre</translation>
    </message>
    <message>
      <source>사례 병합</source>
      <translation>Merge cases</translation>
    </message>
    <message>
      <source>되돌렸습니다</source>
      <translation>Undone</translation>
    </message>
    <message>
      <source>가려진 이름과 연락처를 펼치는 이유를 적어 주십시오 (접속기록에 남습니다).</source>
      <translation>Why do you need the hidden names and numbers? (It is kept in the access log.)</translation>
    </message>
    <message>
      <source>상태</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>위험도</source>
      <translation>Risk</translation>
    </message>
    <message>
      <source>담당자</source>
      <translation>Caseworker</translation>
    </message>
    <message>
      <source>처리기한</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>주소</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>관할</source>
      <translation>Territory</translation>
    </message>
    <message>
      <source>행복e음</source>
      <translation>Haengbok-e-um</translation>
    </message>
    <message>
      <source>가구원</source>
      <translation>Household</translation>
    </message>
    <message>
      <source>일시</source>
      <translation>When</translation>
    </message>
    <message>
      <source>채널</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>원본번호</source>
      <translation>Source ID</translation>
    </message>
    <message>
      <source>연결</source>
      <translation>Link</translation>
    </message>
    <message>
      <source>내용</source>
      <translation>Content</translation>
    </message>
    <message>
      <source>방법</source>
      <translation>Method</translation>
    </message>
    <message>
      <source>다음 조치</source>
      <translation>Next action</translation>
    </message>
    <message>
      <source>자원</source>
      <translation>Resource</translation>
    </message>
    <message>
      <source>구분</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>의뢰일</source>
      <translation>Referred</translation>
    </message>
    <message>
      <source>이전</source>
      <translation>From</translation>
    </message>
    <message>
      <source>변경</source>
      <translation>To</translation>
    </message>
    <message>
      <source>바꾼 사람</source>
      <translation>Changed by</translation>
    </message>
    <message>
      <source>사유</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>결정</source>
      <translation>Decided</translation>
    </message>
    <message>
      <source>결정한 사람</source>
      <translation>Decided by</translation>
    </message>
    <message>
      <source>상태 변경…</source>
      <translation>Status…</translation>
    </message>
    <message>
      <source>위험도…</source>
      <translation>Risk…</translation>
    </message>
    <message>
      <source>담당자…</source>
      <translation>Assign…</translation>
    </message>
    <message>
      <source>상담 기록…</source>
      <translation>Counselling…</translation>
    </message>
    <message>
      <source>지원 연계…</source>
      <translation>Support…</translation>
    </message>
    <message>
      <source>협의체 안건</source>
      <translation>Council agenda</translation>
    </message>
    <message>
      <source>사례 병합…</source>
      <translation>Merge case…</translation>
    </message>
    <message>
      <source>선택한 알림 분리</source>
      <translation>Split selected alerts</translation>
    </message>
    <message>
      <source>결정 되돌리기</source>
      <translation>Undo decision</translation>
    </message>
    <message>
      <source>이관…</source>
      <translation>Transfer…</translation>
    </message>
    <message>
      <source>안부 살핌 우편…</source>
      <translation>Carrier visits…</translation>
    </message>
    <message>
      <source>처리번호…</source>
      <translation>Entry number…</translation>
    </message>
    <message>
      <source>행복e음 입력표…</source>
      <translation>Haengbok-e-um sheet…</translation>
    </message>
    <message>
      <source>사례를 불러오지 못했습니다</source>
      <translation>Could not load the case</translation>
    </message>
    <message>
      <source>사례 {0}번 · {1} · 지금 {2} · {3}</source>
      <translation>Case {0} · {1} · now {2} · {3}</translation>
    </message>
    <message>
      <source>상태 → {0}</source>
      <translation>Status → {0}</translation>
    </message>
    <message>
      <source>안부 살핌 우편 대상에서 뺐습니다</source>
      <translation>Taken out of the postal carriers' visits</translation>
    </message>
    <message>
      <source>안부 살핌 우편 중지</source>
      <translation>Carrier visits stopped</translation>
    </message>
    <message>
      <source>협의체 안건에 올렸습니다</source>
      <translation>Put on the council agenda</translation>
    </message>
    <message>
      <source>협의체 안건에서 내렸습니다</source>
      <translation>Taken off the council agenda</translation>
    </message>
    <message>
      <source>협의체 안건에 올림</source>
      <translation>Put on the council agenda</translation>
    </message>
    <message>
      <source>협의체 안건에서 내림</source>
      <translation>Taken off the council agenda</translation>
    </message>
    <message>
      <source>행복e음 처리번호를 지웠습니다</source>
      <translation>Haengbok-e-um entry number cleared</translation>
    </message>
    <message>
      <source>행복e음 처리번호 지움</source>
      <translation>행복e음 number cleared</translation>
    </message>
    <message>
      <source>분리할 알림을 타임라인에서 고르십시오.</source>
      <translation>Choose the alerts to split off in the timeline.</translation>
    </message>
    <message>
      <source>모든 알림을 분리할 수는 없습니다: 사례에 하나는 남아야 합니다.</source>
      <translation>Not every alert can be split off: one must stay with the case.</translation>
    </message>
    <message>
      <source>알림 {0}건을 새 사례로 분리했습니다</source>
      <translation>{0} alert(s) split off into a new case</translation>
    </message>
    <message>
      <source>개인정보를 펼칠 수 없습니다</source>
      <translation>Could not reveal the personal data</translation>
    </message>
    <message>
      <source>채널이 보낸 그대로의 기록입니다.</source>
      <translation>The record exactly as the channel sent it.</translation>
    </message>
    <message>
      <source>사례 {0}번 · 첫 알림 {1}</source>
      <translation>Case {0} · first alert {1}</translation>
    </message>
    <message>
      <source>입력 대기 — 행복e음에 입력한 뒤 처리번호를 적습니다</source>
      <translation>Waiting — enter it in Haengbok-e-um, then write down its entry number</translation>
    </message>
    <message>
      <source>결과 전</source>
      <translation>No result yet</translation>
    </message>
    <message>
      <source>{0} — 기한 지남</source>
      <translation>{0} — overdue</translation>
    </message>
    <message>
      <source>저장하지 못했습니다</source>
      <translation>Could not save</translation>
    </message>
    <message>
      <source> ({0})</source>
      <translation> ({0})</translation>
    </message>
    <message>
      <source> — 사유: {0}</source>
      <translation> — reason: {0}</translation>
    </message>
    <message>
      <source>상태를 바꿨습니다: {0}</source>
      <translation>Status changed: {0}</translation>
    </message>
    <message>
      <source>위험도를 바꿨습니다: {0}</source>
      <translation>Risk changed: {0}</translation>
    </message>
    <message>
      <source>위험도 → {0} — 이유: {1}</source>
      <translation>Risk → {0} — reason: {1}</translation>
    </message>
    <message>
      <source>담당자 → {0}</source>
      <translation>Caseworker → {0}</translation>
    </message>
    <message>
      <source>상담 기록 추가 ({0} · {1}): {2}</source>
      <translation>Counselling added ({0} · {1}): {2}</translation>
    </message>
    <message>
      <source>지원 연계 추가: {0}</source>
      <translation>Support added: {0}</translation>
    </message>
    <message>
      <source>안부 살핌 우편 {0}, {1}주마다, {2}</source>
      <translation>Carrier visits: {0}, every {1} week(s), {2}</translation>
    </message>
    <message>
      <source>이관 → {0} — 이유: {1}</source>
      <translation>Transfer → {0} — reason: {1}</translation>
    </message>
    <message>
      <source> (결정 {0}번, 되돌리기 Ctrl+Shift+Z)</source>
      <translation> (decision {0}, undo with Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <source>사례 {0}번에 합칠 사례 번호 (같은 가구):</source>
      <translation>Number of the case to merge into case {0} (same household):</translation>
    </message>
    <message>
      <source>사례 {0}번을 합쳤습니다</source>
      <translation>Case {0} merged</translation>
    </message>
    <message>
      <source>다시 가리기</source>
      <translation>Hide again</translation>
    </message>
    <message>
      <source>원본 기록을 열 수 없습니다</source>
      <translation>Could not open the original record</translation>
    </message>
    <message>
      <source>원본 기록 — {0} {1}</source>
      <translation>Original record — {0} {1}</translation>
    </message>
    <message>
      <source>처리번호 {0}</source>
      <translation>Entry number {0}</translation>
    </message>
    <message>
      <source>되돌림</source>
      <translation>Undone</translation>
    </message>
    <message>
      <source>내 변경을 버렸습니다</source>
      <translation>My change was let go</translation>
    </message>
    <message>
      <source>행복e음 처리번호를 기록했습니다: {0}</source>
      <translation>Haengbok-e-um entry number recorded: {0}</translation>
    </message>
    <message>
      <source>행복e음 처리번호 → {0}</source>
      <translation>행복e음 number → {0}</translation>
    </message>
    <message>
      <source>사례 {0}번을 {1}로 이관했습니다</source>
      <translation>Case {0} was transferred to {1}</translation>
    </message>
    <message>
      <source>결정 {0}번({1}, {2})을 되돌릴까요?
{3}</source>
      <translation>Undo decision {0} ({1}, {2})?
{3}</translation>
    </message>
    <message>
      <source> (다음 조치 {0})</source>
      <translation> (next action {0})</translation>
    </message>
    <message>
      <source>낮음</source>
      <translation>Low</translation>
    </message>
    <message>
      <source>중간</source>
      <translation>Medium</translation>
    </message>
    <message>
      <source>높음</source>
      <translation>High</translation>
    </message>
    <message>
      <source>상담함</source>
      <translation>Counselled</translation>
    </message>
    <message>
      <source>부재 (방문했으나 만나지 못함)</source>
      <translation>Absent (visited, nobody met)</translation>
    </message>
    <message>
      <source>미접촉 (연락이 닿지 않음)</source>
      <translation>Not reached (no answer)</translation>
    </message>
    <message>
      <source>상담 거부</source>
      <translation>Refused counselling</translation>
    </message>
    <message>
      <source>저장</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>상담 내용을 적어 주십시오.</source>
      <translation>Please write what was discussed.</translation>
    </message>
    <message>
      <source>예: 방문 전 연락처 확인</source>
      <translation>e.g. checking the number before a visit</translation>
    </message>
    <message>
      <source>이유(&amp;R)</source>
      <translation>&amp;Reason</translation>
    </message>
    <message>
      <source>이유를 적어 주십시오.</source>
      <translation>Please give a reason.</translation>
    </message>
    <message>
      <source>상태 변경</source>
      <translation>Change status</translation>
    </message>
    <message>
      <source>종결 사유(&amp;C)</source>
      <translation>&amp;Closure reason</translation>
    </message>
    <message>
      <source>종결·재개·되돌리기에는 이유를 적습니다</source>
      <translation>Closing, reopening or moving back needs a reason</translation>
    </message>
    <message>
      <source>바꿀 상태(&amp;S)</source>
      <translation>New &amp;status</translation>
    </message>
    <message>
      <source>종결 사유를 고르십시오.</source>
      <translation>Choose a reason for closing.</translation>
    </message>
    <message>
      <source>이 변경에는 이유를 적어 주십시오.</source>
      <translation>Please give a reason for this change.</translation>
    </message>
    <message>
      <source>위험도 지정</source>
      <translation>Set risk</translation>
    </message>
    <message>
      <source>위험도(&amp;L)</source>
      <translation>Risk &amp;level</translation>
    </message>
    <message>
      <source>위험도를 바꾸는 이유를 적어 주십시오.</source>
      <translation>Please give a reason for changing the risk.</translation>
    </message>
    <message>
      <source>담당자 배정</source>
      <translation>Assign caseworker</translation>
    </message>
    <message>
      <source>미배정</source>
      <translation>Unassigned</translation>
    </message>
    <message>
      <source>담당자(&amp;A)</source>
      <translation>&amp;Caseworker</translation>
    </message>
    <message>
      <source>예: 주소지 확인 결과 좌2동 관할</source>
      <translation>e.g. the address belongs to Jwa 2-dong</translation>
    </message>
    <message>
      <source>받을 센터(&amp;T)</source>
      <translation>Receiving centre(&amp;T)</translation>
    </message>
    <message>
      <source>받을 센터를 고르십시오.</source>
      <translation>Choose the receiving centre.</translation>
    </message>
    <message>
      <source>이관 이유를 적어 주십시오.</source>
      <translation>Write why the case is transferred.</translation>
    </message>
    <message>
      <source>상담 기록</source>
      <translation>Counselling record</translation>
    </message>
    <message>
      <source>일시(&amp;D)</source>
      <translation>&amp;Date</translation>
    </message>
    <message>
      <source>방법(&amp;M)</source>
      <translation>&amp;Method</translation>
    </message>
    <message>
      <source>결과(&amp;O)</source>
      <translation>&amp;Outcome</translation>
    </message>
    <message>
      <source>내용(&amp;T)</source>
      <translation>&amp;Text</translation>
    </message>
    <message>
      <source>다음 조치(&amp;N)</source>
      <translation>&amp;Next action</translation>
    </message>
    <message>
      <source>다음 조치 날짜</source>
      <translation>Next action date</translation>
    </message>
    <message>
      <source>만나지 못했으면 다음 조치(다시 방문·연락)를 적어 주십시오.</source>
      <translation>Nobody was reached: enter the next step (visit or call again).</translation>
    </message>
    <message>
      <source>자원(&amp;R)</source>
      <translation>&amp;Resource</translation>
    </message>
    <message>
      <source>메모(&amp;N)</source>
      <translation>&amp;Note</translation>
    </message>
    <message>
      <source>등록된 자원이 없습니다.</source>
      <translation>No resources are registered.</translation>
    </message>
    <message>
      <source>접수 기간 지정</source>
      <translation>Received between</translation>
    </message>
    <message>
      <source>시작일</source>
      <translation>From</translation>
    </message>
    <message>
      <source>종료일</source>
      <translation>To</translation>
    </message>
    <message>
      <source>종료일이 시작일보다 앞섭니다.</source>
      <translation>The last day comes before the first.</translation>
    </message>
    <message>
      <source>안부 살핌 우편 대상</source>
      <translation>Postal carriers' visits (안부 살핌 우편)</translation>
    </message>
    <message>
      <source>이미 공공 돌봄을 받는 가구(공공 서비스가 연계·제공 중인 가구)는 안부 살핌 우편 대상에서 제외됩니다.</source>
      <translation>A household already under public care (a public service referred or provided) is not taken into the carriers' visits.</translation>
    </message>
    <message>
      <source>대상구분(&amp;G)</source>
      <translation>Target &amp;group</translation>
    </message>
    <message>
      <source>방문 주기(&amp;C)</source>
      <translation>Visit &amp;cycle</translation>
    </message>
    <message>
      <source>우체국(&amp;O)</source>
      <translation>Post &amp;office</translation>
    </message>
    <message>
      <source>전달물품</source>
      <translation>Items to bring</translation>
    </message>
    <message>
      <source>공공 돌봄을 받는 가구는 대상이 될 수 없습니다.</source>
      <translation>A household under public care cannot be taken in.</translation>
    </message>
    <message>
      <source>방문할 우체국을 적어 주십시오.</source>
      <translation>Enter the post office that visits.</translation>
    </message>
    <message>
      <source>전달물품을 하나 이상 고르십시오.</source>
      <translation>Choose at least one item to bring.</translation>
    </message>
    <message>
      <source>행복e음 처리번호</source>
      <translation>Haengbok-e-um entry number</translation>
    </message>
    <message>
      <source>예: 2026-0012345</source>
      <translation>e.g. 2026-0012345</translation>
    </message>
    <message>
      <source>조사결과</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>처리번호(&amp;N)</source>
      <translation>Entry &amp;number</translation>
    </message>
    <message>
      <source>행복e음에 결과를 입력하고 받은 처리번호를 적습니다. 비우고 저장하면 지웁니다. 하루치를 한꺼번에: 보고서 → 행복e음 입력표, 파일 → 행복e음 처리번호 가져오기.</source>
      <translation>Write the entry number Haengbok-e-um gave the result. Saved empty, it is cleared. A whole day at once: Reports → Haengbok-e-um sheet, File → Import Haengbok-e-um entry numbers.</translation>
    </message>
    <message>
      <source>확인</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>비해당 사유(&amp;C)</source>
      <translation>&amp;Reason not applicable</translation>
    </message>
    <message>
      <source>(사유를 고르십시오)</source>
      <translation>(choose a reason)</translation>
    </message>
    <message>
      <source>비해당 사유를 고르십시오.</source>
      <translation>Choose why the case is not applicable.</translation>
    </message>
    <message>
      <source>직접 정한 위험도는 자동으로 낮아지지 않습니다 (위기·긴급 신호에는 높아집니다).</source>
      <translation>A risk set by staff is never lowered automatically (crisis and urgent signals still raise it).</translation>
    </message>
    <message>
      <source>이관</source>
      <translation>Transferred</translation>
    </message>
    <message>
      <source>기한과 기록은 그대로 넘어가고, 받는 센터의 '오늘'에 이관 받음으로 보입니다.</source>
      <translation>Deadlines and records go with the case; the receiving centre sees it under 'Transferred in' in Today.</translation>
    </message>
    <message>
      <source>보기</source>
      <translation>Show</translation>
    </message>
    <message>
      <source>예: 해운대우체국</source>
      <translation>e.g. 해운대우체국</translation>
    </message>
    <message>
      <source>대상에서 빼기</source>
      <translation>Take out</translation>
    </message>
    <message>
      <source>사례 {0}번 이관</source>
      <translation>Transfer case {0}</translation>
    </message>
    <message>
      <source>다시 방문</source>
      <translation>Visit again</translation>
    </message>
    <message>
      <source>다시 연락</source>
      <translation>Call again</translation>
    </message>
    <message>
      <source>해당 없음</source>
      <translation>None</translation>
    </message>
    <message>
      <source>욕구: {0}</source>
      <translation>Need: {0}</translation>
    </message>
    <message>
      <source>비워 두면 '{0}'으로 남습니다 (남긴 쪽지 등을 적어도 됩니다)</source>
      <translation>Left empty, it is recorded as '{0}' (you may note a card left at the door)</translation>
    </message>
    <message>
      <source>이 가구는 {0}을(를) 받고 있어 대상이 될 수 없습니다.</source>
      <translation>This household receives {0}, so it cannot be taken in.</translation>
    </message>
    <message>
      <source>{0}주마다</source>
      <translation>Every {0} week(s)</translation>
    </message>
    <message>
      <source>사례번호</source>
      <translation>Case no.</translation>
    </message>
    <message>
      <source>대상자</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>행정동</source>
      <translation>Dong</translation>
    </message>
    <message>
      <source>접수일</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>앱</source>
      <translation>App</translation>
    </message>
    <message>
      <source>우편</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>빅데이터</source>
      <translation>Big data</translation>
    </message>
    <message>
      <source>(미상)</source>
      <translation>(unknown)</translation>
    </message>
    <message>
      <source>{0} (초과)</source>
      <translation>{0} (overdue)</translation>
    </message>
    <message>
      <source>종결 사유</source>
      <translation>Closure reason</translation>
    </message>
    <message>
      <source>위험도 이유</source>
      <translation>Risk reason</translation>
    </message>
    <message>
      <source>센터</source>
      <translation>Centre</translation>
    </message>
    <message>
      <source>소속 없음</source>
      <translation>No centre</translation>
    </message>
    <message>
      <source>올림</source>
      <translation>On</translation>
    </message>
    <message>
      <source>내림</source>
      <translation>Off</translation>
    </message>
    <message>
      <source>알림</source>
      <translation>Alerts</translation>
    </message>
    <message>
      <source>이 사례를 여신 뒤 다른 직원이 바꾸었습니다. 내 변경은 아직 저장하지 않았습니다. 무엇이 바뀌었는지 보시고, 그 위에 내 변경을 다시 적용하거나 버리십시오.</source>
      <translation>A colleague changed this case after you opened it. Your change has not been saved yet. See what changed, then apply your change again on top of theirs or let it go.</translation>
    </message>
    <message>
      <source>새 알림이 들어와 프로그램이 바꾼 내용(기한·위험도)도 있습니다.</source>
      <translation>A new alert also made the program change the case (deadlines, risk).</translation>
    </message>
    <message>
      <source>내 변경을 그 위에 다시 적용</source>
      <translation>Apply my change again on top</translation>
    </message>
    <message>
      <source>내 변경 버리기</source>
      <translation>Let my change go</translation>
    </message>
    <message>
      <source>항목</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>이후</source>
      <translation>After</translation>
    </message>
    <message>
      <source>메모</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>내가 본 것</source>
      <translation>As I saw it</translation>
    </message>
    <message>
      <source>지금</source>
      <translation>Now</translation>
    </message>
    <message>
      <source>그사이 바뀐 내용</source>
      <translation>Changed in the meantime</translation>
    </message>
    <message>
      <source>두 버전 (≠ 표시는 달라진 항목)</source>
      <translation>The two versions (≠ marks what differs)</translation>
    </message>
    <message>
      <source>{0}건</source>
      <translation>{0}</translation>
    </message>
    <message>
      <source>사례 {0}번: 다른 직원이 먼저 바꾸었습니다</source>
      <translation>Case {0}: a colleague changed it first</translation>
    </message>
    <message>
      <source>내 변경: {0}</source>
      <translation>My change: {0}</translation>
    </message>
    <message>
      <source>예기치 못한 문제가 생겼습니다. 지원 담당자에게 이 창의 자세한 내용을 보여 주십시오.</source>
      <translation>Something unexpected went wrong. Show the details of this window to whoever supports the program.</translation>
    </message>
    <message>
      <source>관할 확인 필요</source>
      <translation>Territory to confirm</translation>
    </message>
    <message>
      <source>전체 담당</source>
      <translation>All caseworkers</translation>
    </message>
    <message>
      <source>내 사례</source>
      <translation>My cases</translation>
    </message>
    <message>
      <source>전체 기간</source>
      <translation>Any time</translation>
    </message>
    <message>
      <source>오늘 접수</source>
      <translation>Received today</translation>
    </message>
    <message>
      <source>최근 7일 접수</source>
      <translation>Received in the last 7 days</translation>
    </message>
    <message>
      <source>최근 30일 접수</source>
      <translation>Received in the last 30 days</translation>
    </message>
    <message>
      <source>이번 달 접수</source>
      <translation>Received this month</translation>
    </message>
    <message>
      <source>기간 지정…</source>
      <translation>Choose dates…</translation>
    </message>
    <message>
      <source>진행 중 사례</source>
      <translation>Open cases</translation>
    </message>
    <message>
      <source>전체 상태</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>전체 위험도</source>
      <translation>All risks</translation>
    </message>
    <message>
      <source>전체 채널</source>
      <translation>All channels</translation>
    </message>
    <message>
      <source>전체 기한</source>
      <translation>All due dates</translation>
    </message>
    <message>
      <source>기한 초과</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>7일 안 기한</source>
      <translation>Due within 7 days</translation>
    </message>
    <message>
      <source>사례 목록</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>이름, 전화번호, 주소, 사례번호 검색 (Ctrl+F)</source>
      <translation>Search name, phone, address, case number (Ctrl+F)</translation>
    </message>
    <message>
      <source>지도에서 고른 사례만 보입니다. 누르면 모두 봅니다.</source>
      <translation>Only the cases chosen on the map are shown. Click to show all.</translation>
    </message>
    <message>
      <source>전체 행정동</source>
      <translation>All dongs</translation>
    </message>
    <message>
      <source>{0} ~ {1} 접수</source>
      <translation>Received {0} – {1}</translation>
    </message>
    <message>
      <source>지도에서 고른 사례 {0}건 ✕</source>
      <translation>{0} cases chosen on the map ✕</translation>
    </message>
    <message>
      <source>예: 2635051000</source>
      <translation>e.g. 2635051000</translation>
    </message>
    <message>
      <source>예: 좌1동</source>
      <translation>e.g. 좌1동</translation>
    </message>
    <message>
      <source>예: 해운대구</source>
      <translation>e.g. 해운대구</translation>
    </message>
    <message>
      <source>예: 051-749-5601</source>
      <translation>e.g. 051-749-5601</translation>
    </message>
    <message>
      <source>안부데스크 처음 설정</source>
      <translation>Anbu Desk first set-up</translation>
    </message>
    <message>
      <source>&lt;b&gt;새 데이터베이스입니다.&lt;/b&gt; 이 PC가 일하는 행정복지센터와 첫 관리자 계정을 정하면 시작할 수 있습니다. 구청의 공유 데이터베이스라면 센터를 여럿 적으십시오. 관할(도로·경계·법정동)과 직원 계정은 설정에서 더합니다.</source>
      <translation>&lt;b&gt;This is a new database.&lt;/b&gt; Name the community centre this PC works for and the first administrator account to begin. For a district office's shared database, enter several centres. Territory (roads, boundaries, legal dongs) and staff accounts are added in Settings.</translation>
    </message>
    <message>
      <source>행정복지센터</source>
      <translation>Community centre</translation>
    </message>
    <message>
      <source>센터 하나 더(&amp;M)</source>
      <translation>One more centre(&amp;M)</translation>
    </message>
    <message>
      <source>첫 관리자 계정</source>
      <translation>First administrator account</translation>
    </message>
    <message>
      <source>화면에 보일 이름</source>
      <translation>Name shown on screen</translation>
    </message>
    <message>
      <source>아이디(&amp;I)</source>
      <translation>User &amp;ID</translation>
    </message>
    <message>
      <source>이름(&amp;N)</source>
      <translation>Name(&amp;N)</translation>
    </message>
    <message>
      <source>비밀번호(&amp;P)</source>
      <translation>&amp;Password</translation>
    </message>
    <message>
      <source>비밀번호 확인(&amp;C)</source>
      <translation>Confirm password(&amp;C)</translation>
    </message>
    <message>
      <source>설정하고 시작</source>
      <translation>Set up and start</translation>
    </message>
    <message>
      <source>대신 데모 데이터로 열기</source>
      <translation>Open demo data instead</translation>
    </message>
    <message>
      <source>닫기</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>설정하는 중…</source>
      <translation>Setting up…</translation>
    </message>
    <message>
      <source>데모 데이터를 만드는 중… 1~2분 걸립니다.</source>
      <translation>Making demo data… this takes a minute or two.</translation>
    </message>
    <message>
      <source>행정기관코드 (10자리)</source>
      <translation>Agency code (10 digits)</translation>
    </message>
    <message>
      <source>구·군</source>
      <translation>Gu/gun</translation>
    </message>
    <message>
      <source>전화 (선택)</source>
      <translation>Phone (optional)</translation>
    </message>
    <message>
      <source>행정복지센터를 하나 이상 적어 주십시오.</source>
      <translation>Enter at least one community centre.</translation>
    </message>
    <message>
      <source>관리자 아이디를 적어 주십시오.</source>
      <translation>Enter the administrator's user name.</translation>
    </message>
    <message>
      <source>두 번 넣은 비밀번호가 다릅니다.</source>
      <translation>The two passwords differ.</translation>
    </message>
    <message>
      <source>채널 파일 (*.csv *.txt *.tsv *.xlsx *.xls *.json *.jsonl)</source>
      <translation>Channel files (*.csv *.txt *.tsv *.xlsx *.xls *.json *.jsonl)</translation>
    </message>
    <message>
      <source>알림 파일 가져오기</source>
      <translation>Import alert files</translation>
    </message>
    <message>
      <source>보류 기록 보기</source>
      <translation>Show held records</translation>
    </message>
    <message>
      <source>가져오지 못했습니다</source>
      <translation>Import failed</translation>
    </message>
    <message>
      <source>예기치 못한 문제로 가져오기를 멈췄습니다. 그때까지 가져온 기록은 저장되어 있고, 같은 파일을 다시 가져오면 나머지를 이어서 가져옵니다.</source>
      <translation>The import stopped on an unexpected problem. The records imported until then are saved; importing the same file again adds the rest.</translation>
    </message>
    <message>
      <source>취소하는 중… (지금까지 가져온 기록은 그대로 둡니다)</source>
      <translation>Cancelling… (records imported so far are kept)</translation>
    </message>
    <message>
      <source>가져올 파일이 없습니다.</source>
      <translation>No files to import.</translation>
    </message>
    <message>
      <source>{0}개 항목을 가져옵니다</source>
      <translation>Importing {0} item(s)</translation>
    </message>
    <message>
      <source>{0}: {1}건 처리</source>
      <translation>{0}: {1} records</translation>
    </message>
    <message>
      <source>{0}개 파일을 가져왔습니다</source>
      <translation>Imported {0} file(s)</translation>
    </message>
    <message>
      <source> · 보류 {0}건</source>
      <translation> · {0} held</translation>
    </message>
    <message>
      <source> · 가져오지 못한 파일 {0}개</source>
      <translation> · {0} file(s) not imported</translation>
    </message>
    <message>
      <source>받은 파일을 가져오지 못했습니다</source>
      <translation>Could not import the received file</translation>
    </message>
    <message>
      <source>로그인</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>&lt;b&gt;안부데스크&lt;/b&gt; — 위기가구 사례관리</source>
      <translation>&lt;b&gt;Anbu Desk&lt;/b&gt; — crisis household case management</translation>
    </message>
    <message>
      <source>확인하는 중…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>안부데스크 잠김</source>
      <translation>Anbu Desk locked</translation>
    </message>
    <message>
      <source>화면을 잠갔습니다. {0}의 비밀번호를 넣어 주십시오.</source>
      <translation>The screen is locked. Enter {0}'s password.</translation>
    </message>
    <message>
      <source>자리를 비운 사이 화면을 잠갔습니다. {0}의 비밀번호를 넣어 주십시오.</source>
      <translation>The screen was locked while you were away. Enter the password of {0}.</translation>
    </message>
    <message>
      <source>잠금 해제</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>아이디와 비밀번호를 넣어 주십시오.</source>
      <translation>Please enter your user ID and password.</translation>
    </message>
    <message>
      <source>다시 하십시오.</source>
      <translation>Please try again.</translation>
    </message>
    <message>
      <source>로그인하지 못했습니다: {0}</source>
      <translation>Could not sign in: {0}</translation>
    </message>
    <message>
      <source>&lt;b&gt;데모 데이터베이스&lt;/b&gt;입니다. 모든 데모 계정의 비밀번호: {0}</source>
      <translation>This is a &lt;b&gt;demo database&lt;/b&gt;. Every demo account's password: {0}</translation>
    </message>
    <message>
      <source>파일(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>알림 파일 가져오기…</source>
      <translation>Import alert files…</translation>
    </message>
    <message>
      <source>보류된 기록…</source>
      <translation>Held records…</translation>
    </message>
    <message>
      <source>행복e음 처리번호 가져오기…</source>
      <translation>Import Haengbok-e-um entry numbers…</translation>
    </message>
    <message>
      <source>설정…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <source>화면 잠그기</source>
      <translation>Lock screen</translation>
    </message>
    <message>
      <source>끝내기</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>보고서(&amp;R)</source>
      <translation>&amp;Reports</translation>
    </message>
    <message>
      <source>365 안전협의체 회의 자료…</source>
      <translation>Safety council papers…</translation>
    </message>
    <message>
      <source>시·구 보고…</source>
      <translation>City report…</translation>
    </message>
    <message>
      <source>사례 목록 내보내기…</source>
      <translation>Export case list…</translation>
    </message>
    <message>
      <source>우체국 방문 명단 내보내기…</source>
      <translation>Export the post office's visit list…</translation>
    </message>
    <message>
      <source>AI 통화 명단 내보내기…</source>
      <translation>Export the AI call list…</translation>
    </message>
    <message>
      <source>사례 카드 (선택한 사례)…</source>
      <translation>Case card (selected case)…</translation>
    </message>
    <message>
      <source>행복e음 입력표 (하루치 결과)…</source>
      <translation>Haengbok-e-um sheet (a day's results)…</translation>
    </message>
    <message>
      <source>보기(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>새로 고침</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>검색</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>표시할 열</source>
      <translation>Columns</translation>
    </message>
    <message>
      <source>행복e음 처리번호 가져오기</source>
      <translation>Import Haengbok-e-um entry numbers</translation>
    </message>
    <message>
      <source>행복e음 입력표 (*.xlsx)</source>
      <translation>Haengbok-e-um sheet (*.xlsx)</translation>
    </message>
    <message>
      <source>불러오는 중…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <source>사례 목록을 불러오지 못했습니다</source>
      <translation>Could not load the case list</translation>
    </message>
    <message>
      <source>사례 카드를 만들 사례를 먼저 고르십시오.</source>
      <translation>Choose a case for the card first.</translation>
    </message>
    <message>
      <source>연결 검토</source>
      <translation>Link review</translation>
    </message>
    <message>
      <source>받은 파일 {0}개를 가져왔습니다 (새 알림 {1}건)</source>
      <translation>Imported {0} inbox file(s) ({1} new alerts)</translation>
    </message>
    <message>
      <source>오늘</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>지도</source>
      <translation>Map</translation>
    </message>
    <message>
      <source>필터 목록을 불러오지 못했습니다</source>
      <translation>Could not load the filter lists</translation>
    </message>
    <message>
      <source>처리번호를 가져오지 못했습니다</source>
      <translation>Could not import the entry numbers</translation>
    </message>
    <message>
      <source>사례 {0}번은 지금 목록의 필터에 들지 않습니다 (필터는 그대로 둡니다)</source>
      <translation>Case {0} is outside the list's current filters (the filters are left as they are)</translation>
    </message>
    <message>
      <source> — 읽지 못한 파일: {0} (failed 폴더 참조)</source>
      <translation> — unreadable: {0} (see the failed folder)</translation>
    </message>
    <message>
      <source>받지 않음 — {0}</source>
      <translation>Not taken — {0}</translation>
    </message>
    <message>
      <source>연결 검토 ({0})</source>
      <translation>Link review ({0})</translation>
    </message>
    <message>
      <source>… 외 {0}행</source>
      <translation>… and {0} more rows</translation>
    </message>
    <message>
      <source>사례 {0}번 · {1} (두 번 누르면 엽니다)</source>
      <translation>Case {0} · {1} (double-click to open)</translation>
    </message>
    <message>
      <source>지도 도구</source>
      <translation>Map tools</translation>
    </message>
    <message>
      <source>전체 보기</source>
      <translation>Show all</translation>
    </message>
    <message>
      <source>확대</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>축소</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>선택 해제</source>
      <translation>Clear selection</translation>
    </message>
    <message>
      <source>목록에서 보기</source>
      <translation>Show in list</translation>
    </message>
    <message>
      <source>이 사례들 목록에서 보기</source>
      <translation>Show these in the list</translation>
    </message>
    <message>
      <source>끌어서 옮기고 휠로 확대·축소합니다. 사각형 선택이나 자유 선택으로 영역을 그리면 사례 목록이 그 안의 사례로 좁혀집니다. 점을 두 번 누르면 사례가 열립니다.</source>
      <translation>Drag to move, use the wheel to zoom. Draw an area with rectangle or freehand selection and the case list narrows to the cases inside it. Double-click a point to open its case.</translation>
    </message>
    <message>
      <source>열람 권한: 위치는 100 m 칸 단위로만, 3건 미만인 칸은 숫자 없이 보입니다.</source>
      <translation>Read-only access: locations are shown only as 100 m cells, and cells with fewer than 3 cases without a number.</translation>
    </message>
    <message>
      <source>지도를 불러오지 못했습니다</source>
      <translation>Could not load the map</translation>
    </message>
    <message>
      <source>기본 지도 불러오기 (도로·건물 GeoJSON, WGS84)</source>
      <translation>Load base map (roads/buildings GeoJSON, WGS84)</translation>
    </message>
    <message>
      <source>이동</source>
      <translation>Move</translation>
    </message>
    <message>
      <source>사각형 선택</source>
      <translation>Rectangle selection</translation>
    </message>
    <message>
      <source>자유 선택</source>
      <translation>Freehand selection</translation>
    </message>
    <message>
      <source>기본 지도 불러오기…</source>
      <translation>Load base map…</translation>
    </message>
    <message>
      <source>모든 진행 중 사례에 위치가 있습니다.</source>
      <translation>Every open case has a location.</translation>
    </message>
    <message>
      <source>도로: 신고 위치에서 그린 선 (점선). 기본 지도를 불러오면 그것으로 그립니다.</source>
      <translation>Roads: lines traced from the reports' locations (dashed). A loaded base map is drawn instead.</translation>
    </message>
    <message>
      <source>도로: 불러온 기본 지도</source>
      <translation>Roads: the loaded base map</translation>
    </message>
    <message>
      <source>고른 사례 없음</source>
      <translation>No cases chosen</translation>
    </message>
    <message>
      <source>진행 중 사례 {0}건</source>
      <translation>{0} open cases</translation>
    </message>
    <message>
      <source>기본 지도를 불러오지 못했습니다</source>
      <translation>Could not load the base map</translation>
    </message>
    <message>
      <source>위치가 없는 사례 {0}건 (지도에 없음)</source>
      <translation>{0} cases without a location (not on the map)</translation>
    </message>
    <message>
      <source>고른 사례 {0}건: 사례 목록이 이 사례들로 좁혀져 있습니다.</source>
      <translation>{0} cases chosen: the case list is narrowed to them.</translation>
    </message>
    <message>
      <source>기본 지도를 불러왔습니다: {0}</source>
      <translation>Base map loaded: {0}</translation>
    </message>
    <message>
      <source>이대로 만들기</source>
      <translation>Make it as shown</translation>
    </message>
    <message>
      <source>닫고 고치기</source>
      <translation>Close and change</translation>
    </message>
    <message>
      <source>미리보기 — {0}</source>
      <translation>Preview — {0}</translation>
    </message>
    <message>
      <source>모두 {0}쪽</source>
      <translation>{0} pages</translation>
    </message>
    <message>
      <source>{0} / {1}쪽</source>
      <translation>page {0} of {1}</translation>
    </message>
    <message>
      <source> (가려짐)</source>
      <translation> (hidden)</translation>
    </message>
    <message>
      <source>보류된 기록</source>
      <translation>Held records</translation>
    </message>
    <message>
      <source>개인정보 보기 (접속기록에 남음)</source>
      <translation>Show personal data (logged)</translation>
    </message>
    <message>
      <source>고쳐서 다시 등록 (Ctrl+S)</source>
      <translation>Correct and resubmit (Ctrl+S)</translation>
    </message>
    <message>
      <source>폐기</source>
      <translation>Discard</translation>
    </message>
    <message>
      <source>번호</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>파일</source>
      <translation>File</translation>
    </message>
    <message>
      <source>행</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>보류 기록을 불러오지 못했습니다</source>
      <translation>Could not load the held records</translation>
    </message>
    <message>
      <source>보류 {0}건</source>
      <translation>{0} held</translation>
    </message>
    <message>
      <source>가려진 값입니다. '개인정보 보기'로 펼쳐야 고칠 수 있습니다.</source>
      <translation>A hidden value: show personal data to correct it.</translation>
    </message>
    <message>
      <source>아직 올바르지 않습니다. 고친 값은 저장해 두었습니다.</source>
      <translation>Still not valid. Your corrections were kept.</translation>
    </message>
    <message>
      <source>(번호 없음)</source>
      <translation>(no ID)</translation>
    </message>
    <message>
      <source> (여러 개는 쉼표로)</source>
      <translation> (several: separated by commas)</translation>
    </message>
    <message>
      <source>{0}번 기록을 폐기했습니다.</source>
      <translation>Record {0} discarded.</translation>
    </message>
    <message>
      <source>허용 값: {0}</source>
      <translation>Allowed values: {0}</translation>
    </message>
    <message>
      <source>{0}번 기록을 다시 등록했습니다.</source>
      <translation>Record {0} resubmitted.</translation>
    </message>
    <message>
      <source>365 안전협의체 회의 자료 (PDF)</source>
      <translation>Safety council papers (PDF)</translation>
    </message>
    <message>
      <source>365 안전협의체 회의 자료 (엑셀, 간사 편집용)</source>
      <translation>Safety council papers (Excel, for the secretary)</translation>
    </message>
    <message>
      <source>시·구 보고 (엑셀)</source>
      <translation>City report (Excel)</translation>
    </message>
    <message>
      <source>사례 목록 (엑셀)</source>
      <translation>Case list (Excel)</translation>
    </message>
    <message>
      <source>사례 카드 (PDF, 개인정보 포함)</source>
      <translation>Case card (PDF, with personal data)</translation>
    </message>
    <message>
      <source>우체국 방문 명단 (엑셀, 개인정보 포함)</source>
      <translation>Post office visit list (Excel, personal data)</translation>
    </message>
    <message>
      <source>AI 통화 명단 (엑셀, 개인정보 포함)</source>
      <translation>AI call list (Excel, personal data)</translation>
    </message>
    <message>
      <source>행복e음 입력표 — 이 사례 (엑셀, 개인정보 포함)</source>
      <translation>Haengbok-e-um sheet — this case (Excel, personal data)</translation>
    </message>
    <message>
      <source>행복e음 입력표 — 하루치 결과 (엑셀, 개인정보 포함)</source>
      <translation>Haengbok-e-um sheet — a day's results (Excel, personal data)</translation>
    </message>
    <message>
      <source>보고서 만들기</source>
      <translation>Make a report</translation>
    </message>
    <message>
      <source>모든 우체국</source>
      <translation>All post offices</translation>
    </message>
    <message>
      <source>이름 등 개인정보를 가리지 않음 (권한자, 기록됨)</source>
      <translation>Do not mask names and numbers (permitted staff; logged)</translation>
    </message>
    <message>
      <source>예: 11월 정기회의 자료 (접속기록에 남습니다)</source>
      <translation>e.g. papers for the November meeting (recorded in the access log)</translation>
    </message>
    <message>
      <source>찾아보기…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <source>종류(&amp;K)</source>
      <translation>&amp;Kind</translation>
    </message>
    <message>
      <source>기간 시작(&amp;F)</source>
      <translation>&amp;From</translation>
    </message>
    <message>
      <source>기간 끝(&amp;T)</source>
      <translation>&amp;To</translation>
    </message>
    <message>
      <source>회의일(&amp;M)</source>
      <translation>&amp;Meeting date</translation>
    </message>
    <message>
      <source>결과일(&amp;D)</source>
      <translation>Result &amp;day</translation>
    </message>
    <message>
      <source>행정복지센터(&amp;C)</source>
      <translation>&amp;Community centre</translation>
    </message>
    <message>
      <source>기준일(&amp;Y)</source>
      <translation>Da&amp;y</translation>
    </message>
    <message>
      <source>저장할 파일(&amp;P)</source>
      <translation>Save to &amp;file</translation>
    </message>
    <message>
      <source>열기</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>만들기</source>
      <translation>Make</translation>
    </message>
    <message>
      <source>미리보기…</source>
      <translation>Preview…</translation>
    </message>
    <message>
      <source>안건 편집…</source>
      <translation>Edit the agenda…</translation>
    </message>
    <message>
      <source>저장할 파일</source>
      <translation>Save to file</translation>
    </message>
    <message>
      <source>만드는 중…</source>
      <translation>Making…</translation>
    </message>
    <message>
      <source>미리보기를 만드는 중…</source>
      <translation>Making the preview…</translation>
    </message>
    <message>
      <source>예: 11월 20일 결과 행복e음 입력 (접속기록에 남습니다)</source>
      <translation>e.g. entering 20 November's results in Haengbok-e-um (kept in the access log)</translation>
    </message>
    <message>
      <source>종이로 나가는 자료(PDF)를 만들기 전에 봅니다</source>
      <translation>See a paper (PDF) before it is made</translation>
    </message>
    <message>
      <source>엑셀 파일은 만든 뒤 열어 봅니다</source>
      <translation>A workbook is opened once it is made</translation>
    </message>
    <message>
      <source>출력하거나 내려받는 이유를 적어 주십시오.</source>
      <translation>Please give the reason for printing or downloading.</translation>
    </message>
    <message>
      <source>개인정보가 담긴 카드입니다. 먼저 이유를 적어 주십시오.</source>
      <translation>The card holds personal data: give the reason first.</translation>
    </message>
    <message>
      <source>만들지 못했습니다</source>
      <translation>Could not make it</translation>
    </message>
    <message>
      <source>이날까지 방문(&amp;Y)</source>
      <translation>Visits due b&amp;y</translation>
    </message>
    <message>
      <source>통화할 날(&amp;Y)</source>
      <translation>Call on da&amp;y</translation>
    </message>
    <message>
      <source>만들었습니다: {0} ({1})</source>
      <translation>Made: {0} ({1})</translation>
    </message>
    <message>
      <source>저장할 폴더가 없습니다: {0}</source>
      <translation>The folder does not exist: {0}</translation>
    </message>
    <message>
      <source>안건을 저장했습니다.</source>
      <translation>The agenda is saved.</translation>
    </message>
    <message>
      <source>✔ 일치</source>
      <translation>✔ agree</translation>
    </message>
    <message>
      <source>✖ 다름</source>
      <translation>✖ differ</translation>
    </message>
    <message>
      <source>? 알 수 없음</source>
      <translation>? unknown</translation>
    </message>
    <message>
      <source>이름</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>출생</source>
      <translation>Born</translation>
    </message>
    <message>
      <source>성별</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>전화 (끝 4자리)</source>
      <translation>Phone (last 4 digits)</translation>
    </message>
    <message>
      <source>채널·일시</source>
      <translation>Channel · time</translation>
    </message>
    <message>
      <source>비슷함 (오타일 수 있음)</source>
      <translation>similar (may be a typo)</translation>
    </message>
    <message>
      <source>생년월일 같음</source>
      <translation>same birth date</translation>
    </message>
    <message>
      <source>같은 해, 다른 날</source>
      <translation>same year, another day</translation>
    </message>
    <message>
      <source>집전화와 휴대전화</source>
      <translation>a landline and a mobile</translation>
    </message>
    <message>
      <source>다른 건물</source>
      <translation>another building</translation>
    </message>
    <message>
      <source>같은 건물 다른 호수</source>
      <translation>same building, another flat</translation>
    </message>
    <message>
      <source>같은 집</source>
      <translation>the same flat</translation>
    </message>
    <message>
      <source>같은 층, 어느 집인지 모름</source>
      <translation>same floor, which flat unknown</translation>
    </message>
    <message>
      <source>같은 주소 (호수 없음)</source>
      <translation>same address (no flat numbers)</translation>
    </message>
    <message>
      <source>같은 건물, 호수는 한쪽만</source>
      <translation>same building, flat on one side only</translation>
    </message>
    <message>
      <source>후보</source>
      <translation>Candidates</translation>
    </message>
    <message>
      <source>순위</source>
      <translation>Rank</translation>
    </message>
    <message>
      <source>사례</source>
      <translation>Case</translation>
    </message>
    <message>
      <source>점수</source>
      <translation>Score</translation>
    </message>
    <message>
      <source>근거</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <source>이 알림</source>
      <translation>This alert</translation>
    </message>
    <message>
      <source>후보 가구</source>
      <translation>Candidate household</translation>
    </message>
    <message>
      <source>판단</source>
      <translation>Verdict</translation>
    </message>
    <message>
      <source>같은 가구로 연결 (Ctrl+Enter)</source>
      <translation>Same household (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>다른 가구 (Ctrl+Backspace)</source>
      <translation>Different household (Ctrl+Backspace)</translation>
    </message>
    <message>
      <source>되돌리기 (Ctrl+Z)</source>
      <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
      <source>검토를 기다리는 알림</source>
      <translation>Alerts waiting for review</translation>
    </message>
    <message>
      <source>거절</source>
      <translation>Reject</translation>
    </message>
    <message>
      <source>되돌리기</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>후보 가구와 근거</source>
      <translation>Candidate households and evidence</translation>
    </message>
    <message>
      <source>동일 가구 확인 — 이 알림과 고른 후보</source>
      <translation>Same household? — this alert beside the chosen candidate</translation>
    </message>
    <message>
      <source>연결했습니다</source>
      <translation>Linked</translation>
    </message>
    <message>
      <source>다른 가구로 기록했습니다</source>
      <translation>Recorded as a different household</translation>
    </message>
    <message>
      <source>(이름 없음)</source>
      <translation>(no name)</translation>
    </message>
    <message>
      <source>{0}곳</source>
      <translation>{0}</translation>
    </message>
    <message>
      <source>검토를 기다리는 알림 — 오래된 {0}건 (전체 {1}건)</source>
      <translation>Alerts waiting for review — the oldest {0} (of {1})</translation>
    </message>
    <message>
      <source>{0} (기록 {1}번)</source>
      <translation>{0} (record {1})</translation>
    </message>
    <message>
      <source>긴급 사례 첫 연락 (근무일)</source>
      <translation>Urgent case, first contact (working days)</translation>
    </message>
    <message>
      <source>앱 신고 상담 기한 (일)</source>
      <translation>App report, counselling within (days)</translation>
    </message>
    <message>
      <source>일반 사례 첫 연락 (근무일)</source>
      <translation>Other cases, first contact (working days)</translation>
    </message>
    <message>
      <source>'이번 주 기한'으로 볼 날 수</source>
      <translation>Days counted as 'due this week'</translation>
    </message>
    <message>
      <source>설정</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>이 PC</source>
      <translation>This PC</translation>
    </message>
    <message>
      <source>데이터베이스</source>
      <translation>Database</translation>
    </message>
    <message>
      <source> 분</source>
      <translation> min</translation>
    </message>
    <message>
      <source> 초</source>
      <translation> s</translation>
    </message>
    <message>
      <source>화면 언어(&amp;L)</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>자리 비움 잠금(&amp;I)</source>
      <translation>Lock when &amp;idle</translation>
    </message>
    <message>
      <source>받은 파일 폴더(&amp;F)</source>
      <translation>Inbox &amp;folder</translation>
    </message>
    <message>
      <source>폴더 확인 간격</source>
      <translation>Folder check interval</translation>
    </message>
    <message>
      <source>지금 열린 데이터베이스</source>
      <translation>Database open now</translation>
    </message>
    <message>
      <source>비우면 이 PC의 SQLite 파일. 공유: postgresql://사용자@서버:5432/anbu</source>
      <translation>Empty: this PC's SQLite file. Shared: postgresql://user@server:5432/anbu</translation>
    </message>
    <message>
      <source>PostgreSQL 비밀번호 (키 저장소에 보관)</source>
      <translation>PostgreSQL password (kept in the OS keyring)</translation>
    </message>
    <message>
      <source>SQLite 파일…</source>
      <translation>SQLite file…</translation>
    </message>
    <message>
      <source>주소(&amp;D)</source>
      <translation>&amp;Address</translation>
    </message>
    <message>
      <source>(없음: 관리자만)</source>
      <translation>(none: administrators only)</translation>
    </message>
    <message>
      <source>계정 만들기</source>
      <translation>Create account</translation>
    </message>
    <message>
      <source>사용 중지 / 다시 사용</source>
      <translation>Disable / enable</translation>
    </message>
    <message>
      <source>아이디</source>
      <translation>User ID</translation>
    </message>
    <message>
      <source>역할</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>처음 비밀번호</source>
      <translation>First password</translation>
    </message>
    <message>
      <source>숫자 10자리, 예: 2635051000</source>
      <translation>10 digits, e.g. 2635051000</translation>
    </message>
    <message>
      <source>센터 등록</source>
      <translation>Add centre</translation>
    </message>
    <message>
      <source>고친 내용 저장</source>
      <translation>Save changes</translation>
    </message>
    <message>
      <source>행정기관코드</source>
      <translation>Agency code</translation>
    </message>
    <message>
      <source>전화</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>도로명[ 시작-끝][ 홀수|짝수], 예: 좌동순환로 1-99 홀수</source>
      <translation>road[ from-to][ 홀수|짝수], e.g. 좌동순환로 1-99 홀수</translation>
    </message>
    <message>
      <source>법정동, 예: 좌동 (여러 행정동에 걸치면 도로·경계가 우선)</source>
      <translation>legal dong, e.g. 좌동 (roads and boundaries win where it spans several)</translation>
    </message>
    <message>
      <source>규칙 추가</source>
      <translation>Add rule</translation>
    </message>
    <message>
      <source>경계 파일(GeoJSON)…</source>
      <translation>Boundary file (GeoJSON)…</translation>
    </message>
    <message>
      <source>고른 규칙 삭제</source>
      <translation>Remove chosen rule</translation>
    </message>
    <message>
      <source>도로</source>
      <translation>Road</translation>
    </message>
    <message>
      <source>법정동</source>
      <translation>Legal dong</translation>
    </message>
    <message>
      <source>센터를 고르면 관할 규칙이 여기 나옵니다.</source>
      <translation>Choose a centre to see its territory rules here.</translation>
    </message>
    <message>
      <source>{0}를 등록했습니다.</source>
      <translation>{0} was added.</translation>
    </message>
    <message>
      <source>{0}를 고쳤습니다.</source>
      <translation>{0} was changed.</translation>
    </message>
    <message>
      <source>{0}의 관할 규칙을 더했습니다.</source>
      <translation>Territory rule added to {0}.</translation>
    </message>
    <message>
      <source>행정동 경계 파일 (GeoJSON, WGS84)</source>
      <translation>Boundary file (GeoJSON, WGS84)</translation>
    </message>
    <message>
      <source>{0}의 관할 규칙을 지웠습니다.</source>
      <translation>Territory rule removed from {0}.</translation>
    </message>
    <message>
      <source>받은 파일 폴더</source>
      <translation>Inbox folder</translation>
    </message>
    <message>
      <source>SQLite 데이터베이스 파일</source>
      <translation>SQLite database file</translation>
    </message>
    <message>
      <source>저장했습니다.</source>
      <translation>Saved.</translation>
    </message>
    <message>
      <source>사용</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>처리기한 규칙</source>
      <translation>Deadline rules</translation>
    </message>
    <message>
      <source>직원 계정</source>
      <translation>Staff accounts</translation>
    </message>
    <message>
      <source>언어와 폴더는 프로그램을 다시 시작하면 모든 화면에 적용됩니다.</source>
      <translation>Language and folder apply to every screen after a restart.</translation>
    </message>
    <message>
      <source>바꾼 데이터베이스는 프로그램을 다시 시작하면 열립니다 (명령줄의 --db가 있으면 그것이 먼저입니다).</source>
      <translation>A changed database opens when the program is started again (a --db on the command line comes first).</translation>
    </message>
    <message>
      <source>관할 규칙</source>
      <translation>Territory rules</translation>
    </message>
    <message>
      <source>행정복지센터를 먼저 고르십시오.</source>
      <translation>Choose a community centre first.</translation>
    </message>
    <message>
      <source>{0}: 다시 사용합니다.</source>
      <translation>{0}: in use again.</translation>
    </message>
    <message>
      <source>{0}: 사용을 중지했습니다.</source>
      <translation>{0}: disabled.</translation>
    </message>
    <message>
      <source>도로나 법정동을 적어 주십시오.</source>
      <translation>Enter a road or a legal dong.</translation>
    </message>
    <message>
      <source>{0}의 경계를 더했습니다.</source>
      <translation>Boundary added to {0}.</translation>
    </message>
    <message>
      <source>지울 규칙을 고르십시오.</source>
      <translation>Choose the rule to remove.</translation>
    </message>
    <message>
      <source>계정을 먼저 고르십시오.</source>
      <translation>Choose an account first.</translation>
    </message>
    <message>
      <source>{0}의 관할 규칙</source>
      <translation>Territory rules of {0}</translation>
    </message>
    <message>
      <source>중지</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>없음</source>
      <translation>none</translation>
    </message>
    <message>
      <source>계정 '{0}'을(를) 만들었습니다.</source>
      <translation>Account '{0}' created.</translation>
    </message>
    <message>
      <source>잠김</source>
      <translation>Locked</translation>
    </message>
    <message>
      <source>기한</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>다음 할 일</source>
      <translation>Next step</translation>
    </message>
    <message>
      <source>할 일</source>
      <translation>To do</translation>
    </message>
    <message>
      <source>관할 확인 · 이관</source>
      <translation>Territory to confirm · transfers</translation>
    </message>
    <message>
      <source>새로 들어온 알림</source>
      <translation>New alerts</translation>
    </message>
    <message>
      <source>행복e음 입력 대기</source>
      <translation>Waiting for Haengbok-e-um</translation>
    </message>
    <message>
      <source>할 일 — 팀의 사례, 위험도 높은 순, 늦은 순</source>
      <translation>To do — the team's cases, highest risk first, then most overdue</translation>
    </message>
    <message>
      <source>할 일 — 내 사례 먼저, 그다음 담당자 없는 사례; 위험도 높은 순, 늦은 순</source>
      <translation>To do — my cases first, then cases nobody has taken; highest risk first, then most overdue</translation>
    </message>
    <message>
      <source>이관 받음</source>
      <translation>Transferred in</translation>
    </message>
    <message>
      <source>이사 확인</source>
      <translation>Possible move</translation>
    </message>
    <message>
      <source>행복e음 입력 대기 {0}건 — 행복e음에 입력하고 받은 처리번호를 사례에 적습니다</source>
      <translation>Waiting for Haengbok-e-um: {0} — enter each result there and write its entry number on the case</translation>
    </message>
    <message>
      <source>오늘 할 일을 불러오는 중…</source>
      <translation>Loading today's work…</translation>
    </message>
    <message>
      <source>새로 들어온 알림 ({0} 이후)</source>
      <translation>New alerts (since {0})</translation>
    </message>
    <message>
      <source>(담당자 없음)</source>
      <translation>(nobody)</translation>
    </message>
    <message>
      <source> (오래된 {0}건)</source>
      <translation> (the oldest {0})</translation>
    </message>
    <message>
      <source>오늘 할 일을 불러오지 못했습니다</source>
      <translation>Could not load today's work</translation>
    </message>
    <message>
      <source>빅데이터 차수를 불러오지 못했습니다</source>
      <translation>Could not load the big-data rounds</translation>
    </message>
    <message>
      <source> (가장 급한 {0}건; 전체 {1}건은 사례 목록의 기한 필터로)</source>
      <translation> (the {0} most urgent; all {1} through the case list's deadline filter)</translation>
    </message>
    <message>
      <source>{0} {1}건</source>
      <translation>{0} {1}</translation>
    </message>
    <message>
      <source> · 그 전 일의 알림 {0}건 넘게 이때 들어옴 (사례 목록에)</source>
      <translation> · over {0} alerts about earlier days came in then (in the case list)</translation>
    </message>
    <message>
      <source>팀 사례 {0}건 (기한 초과 {1}건) · 담당자 없음 {2}건 · 새 알림 {3}건 · 연결 검토 대기 {4}건</source>
      <translation>Team cases {0} ({1} overdue) · nobody assigned {2} · new alerts {3} · waiting for link review {4}</translation>
    </message>
    <message>
      <source>내 사례 {0}건 (기한 초과 {1}건) · 담당자 없는 사례 {2}건 · 새 알림 {3}건 · 연결 검토 대기 {4}건</source>
      <translation>My cases {0} ({1} overdue) · cases nobody has taken {2} · new alerts {3} · waiting for link review {4}</translation>
    </message>
    <message>
      <source> · 그 전 일의 알림 {0}건도 이때 들어옴 (사례 목록에)</source>
      <translation> · {0} alerts about earlier days came in then too (in the case list)</translation>
    </message>
    <message>
      <source>{0} ({1}일 지남)</source>
      <translation>{0} ({1} days late)</translation>
    </message>
    <message>
      <source>, 조사기한 {0} ({1}일 남음)</source>
      <translation>, investigate by {0} ({1} days left)</translation>
    </message>
    <message>
      <source>빅데이터 {0}: {1}명 중 {2}명 남음</source>
      <translation>Big data {0}: {2} of {1} left</translation>
    </message>
    <message>
      <source> · 경고 {0}건 (방문 끊김·전화 미응답)</source>
      <translation> · {0} warnings (visits stopped, calls unanswered)</translation>
    </message>
    <message>
      <source>, 조사기한 {0} (오늘까지)</source>
      <translation>, investigate by {0} (today)</translation>
    </message>
    <message>
      <source>, 조사기한 {0} ({1}일 지남)</source>
      <translation>, investigate by {0} ({1} days past)</translation>
    </message>
    <message>
      <source>복지위기 알림 앱</source>
      <translation>Citizen app</translation>
    </message>
    <message>
      <source>AI 초기상담</source>
      <translation>AI call</translation>
    </message>
    <message>
      <source>안부 살핌 우편</source>
      <translation>Postal carrier</translation>
    </message>
    <message>
      <source>복지사각지대 발굴</source>
      <translation>Big-data list</translation>
    </message>
    <message>
      <source>접수</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>확인중</source>
      <translation>Verifying</translation>
    </message>
    <message>
      <source>상담중</source>
      <translation>Counselling</translation>
    </message>
    <message>
      <source>지원연계</source>
      <translation>Support</translation>
    </message>
    <message>
      <source>모니터링</source>
      <translation>Monitoring</translation>
    </message>
    <message>
      <source>종결</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>비해당</source>
      <translation>Not applicable</translation>
    </message>
    <message>
      <source>긴급</source>
      <translation>Urgent</translation>
    </message>
    <message>
      <source>위기</source>
      <translation>Crisis</translation>
    </message>
    <message>
      <source>주의</source>
      <translation>Caution</translation>
    </message>
    <message>
      <source>관찰</source>
      <translation>Watch</translation>
    </message>
    <message>
      <source>지원완료</source>
      <translation>Supported</translation>
    </message>
    <message>
      <source>위기해소</source>
      <translation>Resolved</translation>
    </message>
    <message>
      <source>거부</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>소재 파악 필요 (연락두절)</source>
      <translation>Whereabouts unknown (no contact)</translation>
    </message>
    <message>
      <source>전출</source>
      <translation>Moved out</translation>
    </message>
    <message>
      <source>사망</source>
      <translation>Deceased</translation>
    </message>
    <message>
      <source>중복</source>
      <translation>Duplicate</translation>
    </message>
    <message>
      <source>기록만 (위기 징후 없음)</source>
      <translation>Recorded only (no sign of crisis)</translation>
    </message>
    <message>
      <source>지원 불필요</source>
      <translation>No support needed</translation>
    </message>
    <message>
      <source>정기 관리</source>
      <translation>Regular check-ins</translation>
    </message>
    <message>
      <source>소재 파악 필요 (빈집)</source>
      <translation>Whereabouts unknown (empty home)</translation>
    </message>
    <message>
      <source>소재 파악 필요 (정보 불일치)</source>
      <translation>Whereabouts unknown (details do not match)</translation>
    </message>
    <message>
      <source>경계</source>
      <translation>Boundary</translation>
    </message>
    <message>
      <source>가구 관할</source>
      <translation>Household's centre</translation>
    </message>
    <message>
      <source>직원 확인</source>
      <translation>Confirmed by staff</translation>
    </message>
    <message>
      <source>신규</source>
      <translation>New</translation>
    </message>
    <message>
      <source>자동연결</source>
      <translation>Auto-linked</translation>
    </message>
    <message>
      <source>검토대기</source>
      <translation>In review</translation>
    </message>
    <message>
      <source>수동연결</source>
      <translation>Linked by staff</translation>
    </message>
    <message>
      <source>팀장</source>
      <translation>Supervisor</translation>
    </message>
    <message>
      <source>관리자</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>열람</source>
      <translation>Reader</translation>
    </message>
    <message>
      <source>방문</source>
      <translation>Visit</translation>
    </message>
    <message>
      <source>내방</source>
      <translation>Walk-in</translation>
    </message>
    <message>
      <source>공공</source>
      <translation>Public</translation>
    </message>
    <message>
      <source>민간</source>
      <translation>Private</translation>
    </message>
    <message>
      <source>의뢰</source>
      <translation>Referred</translation>
    </message>
    <message>
      <source>제공</source>
      <translation>Provided</translation>
    </message>
    <message>
      <source>중단</source>
      <translation>Stopped</translation>
    </message>
    <message>
      <source>조회</source>
      <translation>View</translation>
    </message>
    <message>
      <source>입력</source>
      <translation>Create</translation>
    </message>
    <message>
      <source>삭제</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>출력</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>다운로드</source>
      <translation>Download</translation>
    </message>
    <message>
      <source>재등록</source>
      <translation>Resubmitted</translation>
    </message>
    <message>
      <source>연결함</source>
      <translation>Linked</translation>
    </message>
    <message>
      <source>다른 가구</source>
      <translation>Different household</translation>
    </message>
    <message>
      <source>정리됨</source>
      <translation>Superseded</translation>
    </message>
    <message>
      <source>제안 수락</source>
      <translation>Suggestion accepted</translation>
    </message>
    <message>
      <source>제안 거절</source>
      <translation>Suggestion rejected</translation>
    </message>
    <message>
      <source>자동병합</source>
      <translation>Auto-merged</translation>
    </message>
    <message>
      <source>알림 분리</source>
      <translation>Alerts split off</translation>
    </message>
    <message>
      <source>건물</source>
      <translation>Buildings</translation>
    </message>
  </context>
</TS>
