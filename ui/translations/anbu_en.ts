<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ko">
  <context>
    <name>anbu</name>
    <message>
      <source>안부데스크</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이 데이터베이스에는 아직 직원 계정이 없습니다. 관리자가 먼저 만들어 주십시오:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례를 고르십시오</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter 또는 두 번 누르면 받은 그대로의 원본 기록을 봅니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>알림 타임라인</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상담</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>지원 연계</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상태 이력</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>개인정보 보기</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>가려진 이름·연락처를 펼쳐 봅니다 (Ctrl+Shift+R). 접속기록에 남습니다.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>담당자를 바꿨습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상담 기록을 저장했습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>지원 연계를 기록했습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상태</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위험도</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>담당자</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>처리기한</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>주소</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>가구원</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>일시</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>채널</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>원본번호</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>연결</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>내용</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>방법</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다음 조치</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>자원</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>구분</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>의뢰일</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이전</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>변경</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사유</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상태 변경…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위험도…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>담당자…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상담 기록…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>지원 연계…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>협의체 안건</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(가구원 정보 없음)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>협의체 안건에 올렸습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>협의체 안건에서 내렸습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>채널이 보낸 그대로의 기록입니다.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례 {0}번 · 접수 {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상태를 바꿨습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위험도를 바꿨습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>원본 기록 — {0} {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>개인정보를 펼칠 수 없습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례를 불러오지 못했습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> (다음 조치 {0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>저장하지 못했습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>원본 기록을 열 수 없습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>낮음</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>중간</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>높음</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>저장</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>취소</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상태 변경</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>종결·재개·되돌리기에는 이유가 필요합니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>바꿀 상태(&amp;S)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>종결 사유(&amp;C)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이유(&amp;R)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이 변경에는 이유를 적어 주십시오.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위험도 지정</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위험도(&amp;L)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위험도를 바꾸는 이유를 적어 주십시오.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>담당자 배정</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>미배정</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>담당자(&amp;A)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상담 기록</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>일시(&amp;D)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>방법(&amp;M)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>내용(&amp;T)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다음 조치(&amp;N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다음 조치 날짜</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상담 내용을 적어 주십시오.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>자원(&amp;R)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>메모(&amp;N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>등록된 자원이 없습니다.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>직접 정한 위험도는 자동으로 낮아지지 않습니다 (위기·긴급 신호에는 높아집니다).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>해당 없음</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>욕구: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>앱</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>우편</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(미상)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} (초과)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>받은 파일을 가져오지 못했습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>안부데스크 로그인</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;안부데스크&lt;/b&gt; — 위기가구 사례관리</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>아이디(&amp;I)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>비밀번호(&amp;P)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>로그인</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>닫기</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>확인하는 중…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>안부데스크 잠김</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>잠금 해제</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>아이디와 비밀번호를 넣어 주십시오.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다시 하십시오.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>로그인하지 못했습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>자리를 비운 사이 화면을 잠갔습니다. {0}의 비밀번호를 넣어 주십시오.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&lt;b&gt;데모 데이터베이스&lt;/b&gt;입니다. 모든 데모 계정의 비밀번호: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>진행 중 사례</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>전체 상태</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>전체 위험도</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이름, 주소, 사례번호 검색 (Ctrl+F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례 목록</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>검색</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>새로 고침</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>불러오는 중…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>연결 검토</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>받은 파일 {0}개를 가져왔습니다 (새 알림 {1}건)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>오늘</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0}건</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례 목록을 불러오지 못했습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> — 읽지 못한 파일: {0} (failed 폴더 참조)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>연결 검토 ({0})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>대상자</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>후보</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>순위</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>점수</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>근거</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>같은 가구로 연결 (Ctrl+Enter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다른 가구 (Ctrl+Backspace)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>되돌리기 (Ctrl+Z)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>거절</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>되돌리기</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>검토를 기다리는 알림</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>후보 가구와 근거</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>연결했습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다른 가구로 기록했습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>되돌렸습니다</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(이름 없음)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0}곳</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} (기록 {1}번)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>새로 들어온 알림 (24시간)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>기한</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이유</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>기한 초과</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>이번 주 기한</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>기한 초과 {0}건 · 이번 주 기한 {1}건 · 새 알림 {2}건 · 연결 검토 대기 {3}건</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>오늘 할 일을 불러오지 못했습니다: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>복지위기 알림 앱</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>AI 초기상담</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>안부 살핌 우편</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>접수</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>확인중</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>상담중</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>지원연계</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>모니터링</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>종결</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>비해당</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>긴급</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위기</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>주의</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>관찰</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>지원완료</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>위기해소</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>거부</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>연락두절</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>전출</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사망</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>중복</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>신규</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>자동연결</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>검토대기</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>수동연결</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>팀장</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>관리자</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>열람</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>방문</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>전화</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>내방</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>공공</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>민간</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>의뢰</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>결정</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>제공</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>중단</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>조회</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>입력</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>삭제</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>출력</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다운로드</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>재등록</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>폐기</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>연결함</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>다른 가구</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>정리됨</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>제안 수락</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>제안 거절</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>사례 병합</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>알림 분리</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
