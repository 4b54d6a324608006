package dev.tokenmanager.feedclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndedSessionsTest {

    @Test
    void anEndedSessionIsRefusedUntilItsUntilPlusTheSkew() {
        EndedSessions ended = new EndedSessions(60);
        ended.add("sid-1", 1_000);
        assertThat(ended.hasEnded("sid-1", 999)).isTrue();
        assertThat(ended.hasEnded("sid-1", 1_060)).isTrue();
        assertThat(ended.hasEnded("sid-1", 1_061)).isFalse();
        assertThat(ended.hasEnded("sid-2", 999)).isFalse();
    }

    @Test
    void sessionsWhoseTokensAreDeadAreForgotten() {
        EndedSessions ended = new EndedSessions(10);
        ended.add("old", 100);
        ended.add("new", 500);
        ended.forgetDead(111);
        assertThat(ended.size()).isEqualTo(1);
        assertThat(ended.hasEnded("new", 111)).isTrue();
    }

    @Test
    void theLaterUntilWins() {
        EndedSessions ended = new EndedSessions(0);
        ended.add("sid", 500);
        ended.add("sid", 100);
        assertThat(ended.hasEnded("sid", 400)).isTrue();
    }
}
